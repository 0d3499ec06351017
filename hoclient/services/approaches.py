"""Recording a new approach to the service: the person, their case, their household."""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError

from hoclient.models import HouseholdMember, HousingCase, Officer, Person
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.case_reference import new_case_reference
from hoclient.services.cases import case_view
from hoclient.services.errors import InvalidInput, NotFound, PossibleDuplicate
from hoclient.services.persons import (
    PersonDetails,
    clean_postcode,
    find_possible_matches,
    new_person,
    person_problems,
    postcode_field_problem,
)
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import (
    AccommodationAtApproach,
    ApproachMethod,
    ReferralSource,
    Relationship,
)

# The Homelessness Reduction Act 2017 duties apply to applications from 3 April 2018
# (domain/README.md); hoclient records no earlier approach.
EARLIEST_APPROACH = date(2018, 4, 3)
_REFERENCE_ATTEMPTS = 5


@dataclass(frozen=True)
class NewApproach:
    applicant: PersonDetails
    approached_on: date
    approach_method: ApproachMethod
    accommodation_at_approach: AccommodationAtApproach | None
    referral_source: ReferralSource | None = None
    referring_agency: str = ""
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""


def approach_problems(approach: NewApproach, *, today: date) -> dict[str, str]:
    """Field name -> what is wrong, in plain words; the form shows these as the officer types."""
    problems = person_problems(approach.applicant, today=today)
    if approach.approached_on > today:
        problems["approached_on"] = "The approach date cannot be in the future."
    elif approach.approached_on < EARLIEST_APPROACH:
        problems["approached_on"] = "hoclient records approaches from 3 April 2018 onwards."
    if approach.accommodation_at_approach is None:
        problems["accommodation_at_approach"] = "Choose where the applicant is living now."
    if approach.approach_method is ApproachMethod.REFERRAL and approach.referral_source is None:
        problems["referral_source"] = "Choose who made the referral."
    if problem := postcode_field_problem(approach.postcode):
        problems["postcode"] = problem
    return problems


def record_new_approach(
    store: Store,
    officer: OfficerView,
    approach: NewApproach,
    *,
    today: date,
    existing_person_id: uuid.UUID | None = None,
    confirmed_new_person: bool = False,
) -> CaseView:
    """Open a case for a new approach, with the applicant as its household's applicant.

    When someone on record may be the applicant, PossibleDuplicate is raised unless the
    officer chose that person (`existing_person_id`) or confirmed this is someone new.
    """
    require(officer, Permission.WRITE_CASEWORK)
    if problems := approach_problems(approach, today=today):
        raise InvalidInput(problems)
    display_postcode, key = clean_postcode(approach.postcode)
    for _attempt in range(_REFERENCE_ATTEMPTS):
        try:
            with store.begin() as session:
                if existing_person_id is not None:
                    person = session.get(Person, existing_person_id)
                    if person is None or person.deleted_at is not None:
                        raise NotFound("That person is no longer on this laptop.")
                else:
                    matches = find_possible_matches(session, approach.applicant)
                    if matches and not confirmed_new_person:
                        raise PossibleDuplicate(matches)
                    person = new_person(approach.applicant, officer_id=officer.id)
                    person.address_line_1 = approach.address_line_1.strip() or None
                    person.address_line_2 = approach.address_line_2.strip() or None
                    person.town = approach.town.strip() or None
                    person.postcode, person.postcode_key = display_postcode, key
                    session.add(person)
                assigned = session.get(Officer, officer.id)
                case = HousingCase(
                    reference=new_case_reference(approach.approached_on),
                    approached_on=approach.approached_on,
                    approach_method=approach.approach_method,
                    referral_source=approach.referral_source,
                    referring_agency=approach.referring_agency.strip() or None,
                    address_line_1=approach.address_line_1.strip() or None,
                    address_line_2=approach.address_line_2.strip() or None,
                    town=approach.town.strip() or None,
                    postcode=display_postcode,
                    postcode_key=key,
                    accommodation_at_approach=approach.accommodation_at_approach,
                    assigned_officer_id=assigned.id if assigned else None,
                    team_id=assigned.team_id if assigned else None,
                    updated_by=officer.id,
                )
                session.add(case)
                session.flush()
                session.add(
                    HouseholdMember(
                        case_id=case.id,
                        person_id=person.id,
                        relationship_to_applicant=Relationship.APPLICANT,
                        updated_by=officer.id,
                    )
                )
                session.flush()
                return case_view(session, case.id)
        except IntegrityError as error:
            # The only unique value made here is the random reference; try a fresh one.
            if "housing_case.reference" not in str(error.orig):
                raise
    raise RuntimeError("Could not make a unique case reference")  # 40 random bits: a bug
