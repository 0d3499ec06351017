"""Opening a case: the facts its window shows."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.casework.duty_to_refer import is_duty_to_refer_referral
from hoclient.models import HouseholdMember, HousingCase, Officer, Person, Team
from hoclient.security.audit import OPENED_CASE, record_audit
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.errors import NotFound
from hoclient.services.persons import display_name
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship


def live_case(session: Session, case_id: uuid.UUID) -> HousingCase:
    case = session.get(HousingCase, case_id)
    if case is None or case.deleted_at is not None:
        raise NotFound("That case is not on this laptop.")
    return case


def applicant_of(session: Session, case_id: uuid.UUID) -> Person:
    person = session.scalars(
        select(Person)
        .join(HouseholdMember, HouseholdMember.person_id == Person.id)
        .where(
            HouseholdMember.case_id == case_id,
            HouseholdMember.relationship_to_applicant == Relationship.APPLICANT,
            HouseholdMember.deleted_at.is_(None),
        )
    ).one_or_none()
    if person is None:
        raise NotFound("That case has no applicant on this laptop.")
    return person


def case_view(session: Session, case_id: uuid.UUID) -> CaseView:
    case = live_case(session, case_id)
    applicant = applicant_of(session, case_id)
    officer = session.get(Officer, case.assigned_officer_id) if case.assigned_officer_id else None
    team = session.get(Team, case.team_id) if case.team_id else None
    address = ", ".join(
        part
        for part in (case.address_line_1, case.address_line_2, case.town, case.postcode)
        if part
    )
    return CaseView(
        case_id=case.id,
        reference=case.reference,
        applicant_person_id=applicant.id,
        applicant_name=display_name(applicant.family_name, applicant.given_names),
        approached_on=case.approached_on,
        approach_method=case.approach_method,
        referral_source=case.referral_source,
        referring_agency=case.referring_agency,
        duty_to_refer=is_duty_to_refer_referral(case.referral_source),
        address=address or "No address given",
        accommodation_at_approach=case.accommodation_at_approach,
        officer_name=officer.display_name if officer else None,
        team_name=team.name if team else None,
        status=case.status,
    )


def open_case(store: Store, officer: OfficerView, case_id: uuid.UUID) -> CaseView:
    """The case window's facts; the opening is audited (DESIGN.md: every opening of a case)."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        view = case_view(session, case_id)
        record_audit(
            session, officer.id, OPENED_CASE, case_id=case_id, person_id=view.applicant_person_id
        )
        return view


def case_summary(store: Store, officer: OfficerView, case_id: uuid.UUID) -> CaseView:
    """The same facts, read again for a window already open (after a change it was told of):
    not a new opening, so not audited again."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        return case_view(session, case_id)
