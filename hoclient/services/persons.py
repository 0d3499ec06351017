"""A person's details as entered, their checks, and the look-up for someone already known."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from hoclient.casework.identity import (
    date_of_birth_problem,
    family_name_problem,
    format_postcode,
    given_names_problem,
    ni_number_problem,
    normalise_ni_number,
    postcode_key,
    postcode_problem,
)
from hoclient.models import HouseholdMember, HousingCase, Person, PersonPreviousName
from hoclient.services.views import PersonMatch
from hoclient.vocabulary import Sex


@dataclass(frozen=True)
class PersonDetails:
    family_name: str
    given_names: str
    date_of_birth: date | None = None
    sex: Sex = Sex.NOT_KNOWN
    ni_number: str = ""
    phone: str = ""
    email: str = ""
    main_language: str = ""
    interpreter_needed: bool = False
    nationality: str = ""
    # Family names the person was known by before (a maiden name, say), searched like the
    # current one; recorded with the current given names.
    previous_family_names: tuple[str, ...] = ()


def person_problems(details: PersonDetails, *, today: date) -> dict[str, str]:
    """Field name -> what is wrong, in plain words. Empty when the details can be saved."""
    problems: dict[str, str] = {}
    if problem := family_name_problem(details.family_name):
        problems["family_name"] = problem
    if problem := given_names_problem(details.given_names):
        problems["given_names"] = problem
    if details.date_of_birth is not None and (
        problem := date_of_birth_problem(details.date_of_birth, today=today)
    ):
        problems["date_of_birth"] = problem
    if details.ni_number.strip() and (problem := ni_number_problem(details.ni_number)):
        problems["ni_number"] = problem
    for previous in details.previous_family_names:
        if previous.strip() and family_name_problem(previous):
            problems["previous_family_names"] = (
                f"{previous.strip()!r} is not a family name: it needs letters, 100 at most."
            )
    email = details.email.strip()
    if email and ("@" not in email or "." not in email.rpartition("@")[2] or " " in email):
        problems["email"] = f"{email} is not an email address (for example name@example.org)."
    phone = details.phone.strip()
    if phone and sum(ch.isdigit() for ch in phone) < 10:
        problems["phone"] = "A UK phone number has at least 10 digits."
    return problems


def postcode_field_problem(text: str) -> str | None:
    return postcode_problem(text) if text.strip() else None


def clean_postcode(text: str) -> tuple[str | None, str | None]:
    """(display form, search key) of an optional postcode."""
    if not text.strip():
        return None, None
    return format_postcode(text), postcode_key(text)


def find_possible_matches(session: Session, details: PersonDetails) -> list[PersonMatch]:
    """People on record with the same name and date of birth, or the same NI number."""
    conditions: list[ColumnElement[bool]] = []
    if details.date_of_birth is not None:
        conditions.append(
            (Person.date_of_birth == details.date_of_birth)
            & (func.lower(Person.family_name) == details.family_name.strip().lower())
            & (func.lower(Person.given_names) == details.given_names.strip().lower())
        )
    if details.ni_number.strip() and not ni_number_problem(details.ni_number):
        conditions.append(Person.ni_number == normalise_ni_number(details.ni_number))
    if not conditions:
        return []
    people = session.scalars(
        select(Person).where(Person.deleted_at.is_(None), or_(*conditions)).limit(20)
    ).all()
    matches = []
    for person in people:
        references = session.scalars(
            select(HousingCase.reference)
            .join(HouseholdMember, HouseholdMember.case_id == HousingCase.id)
            .where(HouseholdMember.person_id == person.id, HouseholdMember.deleted_at.is_(None))
            .order_by(HousingCase.approached_on.desc())
        ).all()
        matches.append(
            PersonMatch(
                person_id=person.id,
                name=display_name(person.family_name, person.given_names),
                date_of_birth=person.date_of_birth,
                ni_number=person.ni_number,
                postcode=person.postcode,
                case_references=tuple(references),
            )
        )
    return matches


def new_person(details: PersonDetails, *, officer_id: uuid.UUID) -> Person:
    return Person(
        family_name=details.family_name.strip(),
        given_names=details.given_names.strip(),
        date_of_birth=details.date_of_birth,
        sex=details.sex,
        ni_number=normalise_ni_number(details.ni_number) or None,
        phone=details.phone.strip() or None,
        email=details.email.strip() or None,
        main_language=details.main_language.strip() or None,
        interpreter_needed=details.interpreter_needed,
        nationality=details.nationality.strip() or None,
        updated_by=officer_id,
        previous_names=[
            PersonPreviousName(
                family_name=previous.strip(),
                given_names=details.given_names.strip(),
                updated_by=officer_id,
            )
            for previous in details.previous_family_names
            if previous.strip()
        ],
    )


def display_name(family_name: str, given_names: str) -> str:
    """How hoclient writes a name in lists: 'OKAFOR, Grace'."""
    return f"{family_name.upper()}, {given_names}"
