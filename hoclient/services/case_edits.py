"""Changing a case's facts and its applicant's details, with the forms' own checks.

For scripts and support staff (`hoclient case edit`): each field arrives as text, is read the
way the form reads it, and the whole case is checked by `approach_problems` - the same checks
New approach runs - before anything is written. The change is captured for sync like any other.
"""

import dataclasses
import enum
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.casework.identity import normalise_ni_number
from hoclient.models import HousingCase, Person
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.approaches import NewApproach, approach_problems
from hoclient.services.cases import applicant_of, case_view
from hoclient.services.errors import InvalidInput, NotFound
from hoclient.services.persons import PersonDetails, clean_postcode, person_problems
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import AccommodationAtApproach, ApproachMethod, ReferralSource, Sex

CASE_FIELDS: dict[str, type] = {
    "approached_on": date,
    "approach_method": ApproachMethod,
    "referral_source": ReferralSource,
    "referring_agency": str,
    "address_line_1": str,
    "address_line_2": str,
    "town": str,
    "postcode": str,
    "accommodation_at_approach": AccommodationAtApproach,
}
PERSON_FIELDS: dict[str, type] = {
    "family_name": str,
    "given_names": str,
    "date_of_birth": date,
    "sex": Sex,
    "ni_number": str,
    "phone": str,
    "email": str,
    "main_language": str,
    "interpreter_needed": bool,
    "nationality": str,
}
APPLICANT_PREFIX = "applicant."


def editable_fields() -> list[str]:
    return sorted(CASE_FIELDS) + sorted(APPLICANT_PREFIX + name for name in PERSON_FIELDS)


def edit_case(
    store: Store,
    officer: OfficerView,
    reference: str,
    typed: Mapping[str, str],
    *,
    today: date,
) -> CaseView:
    """Set the named fields (as typed) of a case and its applicant; InvalidInput if any value
    or the resulting case would be refused by the form."""
    require(officer, Permission.WRITE_CASEWORK)
    case_values, person_values = _parse(typed)
    with store.begin() as session:
        case = session.scalars(
            select(HousingCase).where(
                HousingCase.reference == reference.strip().upper(),
                HousingCase.deleted_at.is_(None),
            )
        ).one_or_none()
        if case is None:
            raise NotFound(f"There is no case {reference} on this laptop.")
        _apply_case_edits(session, officer, case, case_values, person_values, today=today)
        session.flush()
        return case_view(session, case.id)


def case_edit_problems(
    session: Session, case: HousingCase, typed: Mapping[str, str], *, today: date
) -> dict[str, str]:
    """What the form would refuse if these typed fields were set; empty if they would save.
    Reads only: a check as the officer types."""
    try:
        case_values, person_values = _parse(typed)
    except InvalidInput as error:
        return error.problems
    return approach_problems(
        _approach_after(session, case, case_values, person_values), today=today
    )


def edit_case_in(
    session: Session,
    officer: OfficerView,
    case: HousingCase,
    typed: Mapping[str, str],
    *,
    today: date,
) -> None:
    """`edit_case` inside the caller's transaction (a conflict resolved by a typed value)."""
    case_values, person_values = _parse(typed)
    _apply_case_edits(session, officer, case, case_values, person_values, today=today)


def person_edit_problems(
    person: Person, typed: Mapping[str, str], *, today: date
) -> dict[str, str]:
    """What the person form would refuse if these typed fields (no `applicant.` prefix) were
    set on `person`; empty if they would save."""
    try:
        _case_values, person_values = _parse(_as_applicant(typed))
    except InvalidInput as error:
        return error.problems
    return person_problems(_details_after(person, person_values), today=today)


def edit_person_in(
    officer: OfficerView, person: Person, typed: Mapping[str, str], *, today: date
) -> None:
    """Set a person's fields as typed, in the caller's transaction; InvalidInput changes
    nothing."""
    _case_values, person_values = _parse(_as_applicant(typed))
    if problems := person_problems(_details_after(person, person_values), today=today):
        raise InvalidInput(problems)
    _set_person_values(officer, person, person_values)


def _approach_after(
    session: Session,
    case: HousingCase,
    case_values: Mapping[str, Any],
    person_values: Mapping[str, Any],
) -> NewApproach:
    person = applicant_of(session, case.id)
    return dataclasses.replace(
        NewApproach(
            applicant=_details_after(person, person_values),
            approached_on=case.approached_on,
            approach_method=case.approach_method,
            accommodation_at_approach=case.accommodation_at_approach,
            referral_source=case.referral_source,
            referring_agency=case.referring_agency or "",
            address_line_1=case.address_line_1 or "",
            address_line_2=case.address_line_2 or "",
            town=case.town or "",
            postcode=case.postcode or "",
        ),
        **case_values,
    )


def _details_after(person: Person, person_values: Mapping[str, Any]) -> PersonDetails:
    return dataclasses.replace(
        PersonDetails(
            family_name=person.family_name,
            given_names=person.given_names,
            date_of_birth=person.date_of_birth,
            sex=person.sex,
            ni_number=person.ni_number or "",
            phone=person.phone or "",
            email=person.email or "",
            main_language=person.main_language or "",
            interpreter_needed=person.interpreter_needed,
            nationality=person.nationality or "",
        ),
        **person_values,
    )


def _apply_case_edits(
    session: Session,
    officer: OfficerView,
    case: HousingCase,
    case_values: Mapping[str, Any],
    person_values: Mapping[str, Any],
    *,
    today: date,
) -> None:
    approach = _approach_after(session, case, case_values, person_values)
    if problems := approach_problems(approach, today=today):
        raise InvalidInput(problems)
    for name, value in case_values.items():
        if name == "postcode":
            case.postcode, case.postcode_key = clean_postcode(value)
        else:
            setattr(case, name, value.strip() or None if isinstance(value, str) else value)
    if case_values:
        case.updated_by = officer.id
    _set_person_values(officer, applicant_of(session, case.id), person_values)


def _set_person_values(
    officer: OfficerView, person: Person, person_values: Mapping[str, Any]
) -> None:
    for name, value in person_values.items():
        if name == "ni_number":
            person.ni_number = normalise_ni_number(value) or None
        else:
            setattr(person, name, value.strip() or None if isinstance(value, str) else value)
    if person_values:
        person.updated_by = officer.id


def _as_applicant(typed: Mapping[str, str]) -> dict[str, str]:
    return {APPLICANT_PREFIX + name.strip(): value for name, value in typed.items()}


def _parse(typed: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    case_values: dict[str, Any] = {}
    person_values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for given_name, text in typed.items():
        name = given_name.strip()
        person_name = name.removeprefix(APPLICANT_PREFIX)
        if name in CASE_FIELDS:
            target, kind = case_values, CASE_FIELDS[name]
        elif person_name in PERSON_FIELDS:
            name, target, kind = person_name, person_values, PERSON_FIELDS[person_name]
        else:
            problems[given_name] = (
                f"{given_name} is not a field that can be edited here. Fields: "
                + ", ".join(editable_fields())
                + "."
            )
            continue
        try:
            target[name] = _read(kind, text)
        except ValueError as error:
            problems[name] = f"{name}: {error}"
        else:
            if name == "approached_on" and target[name] is None:
                problems[name] = "A case needs its approach date."
    if problems:
        raise InvalidInput(problems)
    return case_values, person_values


def _read(kind: type, text: str) -> Any:
    if kind is str:
        return text
    if kind is date:
        if not text.strip():
            return None
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise ValueError(f"{text!r} is not a date (YYYY-MM-DD).") from None
    if kind is bool:
        answer = text.strip().lower()
        if answer in {"yes", "true", "1"}:
            return True
        if answer in {"no", "false", "0"}:
            return False
        raise ValueError(f"{text!r} is not yes or no.")
    assert issubclass(kind, enum.Enum)
    wanted = text.strip().lower()
    if not wanted and kind is ReferralSource:
        return None
    for member in kind:
        if wanted in (member.name.lower(), str(member.value).lower()):
            return member
    choices = ", ".join(member.name for member in kind)
    raise ValueError(f"{text!r} is not one of {choices}.")
