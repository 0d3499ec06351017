"""The household of a case: listing and adding members."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from hoclient.casework.household import (
    MemberFacts,
    dependent_child_problem,
    household_problems,
    member_problem,
)
from hoclient.casework.identity import age_on
from hoclient.models import HouseholdMember, Person
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.case_clocks import refresh_case_clocks
from hoclient.services.cases import live_case
from hoclient.services.errors import InvalidInput, NotFound, PossibleDuplicate
from hoclient.services.persons import (
    PersonDetails,
    display_name,
    find_possible_matches,
    new_person,
    person_problems,
)
from hoclient.services.views import MemberView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship


@dataclass(frozen=True)
class NewMember:
    person: PersonDetails
    relationship: Relationship
    normally_resides_with_applicant: bool = True
    dependent_child: bool = False
    pregnant: bool = False
    expected_due_on: date | None = None


def member_input_problems(member: NewMember, *, today: date) -> dict[str, str]:
    """Field name -> what is wrong with a member as entered, before the household is checked."""
    problems = person_problems(member.person, today=today)
    if member.relationship is Relationship.APPLICANT:
        problems["relationship"] = (
            "The household already has its applicant; choose how this person is related to them."
        )
    facts = MemberFacts(member.relationship, member.pregnant, member.expected_due_on)
    if problem := member_problem(facts):
        problems["expected_due_on"] = problem
    age = age_on(member.person.date_of_birth, today) if member.person.date_of_birth else None
    if problem := dependent_child_problem(dependent_child=member.dependent_child, age_in_years=age):
        problems["dependent_child"] = problem
    return problems


def household_of(
    store: Store, officer: OfficerView, case_id: uuid.UUID, *, today: date
) -> list[MemberView]:
    """The applicant first, then members in the order they were added."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        live_case(session, case_id)
        rows = session.execute(
            select(HouseholdMember, Person)
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(HouseholdMember.case_id == case_id, HouseholdMember.deleted_at.is_(None))
            .order_by(
                (HouseholdMember.relationship_to_applicant != Relationship.APPLICANT),
                HouseholdMember.created_at,
            )
        ).all()
        return [_member_view(member, person, today=today) for member, person in rows]


def _member_view(member: HouseholdMember, person: Person, *, today: date) -> MemberView:
    return MemberView(
        member_id=member.id,
        person_id=person.id,
        name=display_name(person.family_name, person.given_names),
        date_of_birth=person.date_of_birth,
        age=age_on(person.date_of_birth, today) if person.date_of_birth else None,
        sex=person.sex,
        relationship=member.relationship_to_applicant,
        normally_resides_with_applicant=member.normally_resides_with_applicant,
        dependent_child=member.dependent_child,
        pregnant=member.pregnant,
        expected_due_on=member.expected_due_on,
    )


def add_household_member(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    member: NewMember,
    *,
    today: date,
    existing_person_id: uuid.UUID | None = None,
    confirmed_new_person: bool = False,
) -> MemberView:
    """Add someone to the household; refused, with nothing written, if the household would
    then break a rule (two applicants, the same person twice)."""
    require(officer, Permission.WRITE_CASEWORK)
    if problems := member_input_problems(member, today=today):
        raise InvalidInput(problems)
    with store.begin() as session:
        live_case(session, case_id)
        current = session.scalars(
            select(HouseholdMember).where(
                HouseholdMember.case_id == case_id, HouseholdMember.deleted_at.is_(None)
            )
        ).all()
        facts = [
            MemberFacts(m.relationship_to_applicant, m.pregnant, m.expected_due_on) for m in current
        ]
        facts.append(MemberFacts(member.relationship, member.pregnant, member.expected_due_on))
        if problems_of_household := household_problems(facts):
            raise InvalidInput({"relationship": problems_of_household[0]})
        if existing_person_id is not None:
            person = session.get(Person, existing_person_id)
            if person is None or person.deleted_at is not None:
                raise NotFound("That person is no longer on this laptop.")
            if any(m.person_id == person.id for m in current):
                raise InvalidInput({"family_name": "This person is already in the household."})
        else:
            matches = find_possible_matches(session, member.person)
            if matches and not confirmed_new_person:
                raise PossibleDuplicate(matches)
            person = new_person(member.person, officer_id=officer.id)
            session.add(person)
            session.flush()
        row = HouseholdMember(
            case_id=case_id,
            person_id=person.id,
            relationship_to_applicant=member.relationship,
            normally_resides_with_applicant=member.normally_resides_with_applicant,
            dependent_child=member.dependent_child,
            pregnant=member.pregnant,
            expected_due_on=member.expected_due_on if member.pregnant else None,
            updated_by=officer.id,
        )
        session.add(row)
        # A child or a pregnancy can start the B&B limit for families (SI 2003/3326).
        refresh_case_clocks(session, case_id)
        return _member_view(row, person, today=today)
