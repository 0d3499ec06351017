"""The s189A assessment: saved as a new version each time, read back with every version.

The three parts the Act requires (s189A(2)): (a) the circumstances that caused homelessness
or the threat of it, coded with the H-CLIC reason for loss of the last settled home; (b) the
housing needs, in particular what accommodation would be suitable for the applicant and the
household; (c) the support the applicant and each relevant person need, coded with the
H-CLIC support needs. The codes come only from hoclient.reports.hclic_codes.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.letters.text import long_date
from hoclient.models import Assessment, AssessmentSupportNeed, HouseholdMember, Officer, Person
from hoclient.reports.hclic_codes import CodeList, codes_in_force, label_of
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.cases import live_case
from hoclient.services.errors import InvalidInput
from hoclient.services.persons import display_name
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship

TEXT_MAX_CHARS = 20_000
OFFICER_NOT_HERE = "An officer not on this laptop"


@dataclass(frozen=True)
class AssessmentInput:
    assessed_on: date
    circumstances: str
    reason_for_loss: str | None  # an H-CLIC A2 internal value
    housing_needs: str
    suitable_accommodation: str
    support_needs: str
    # household member id -> H-CLIC A3 internal values; a member with none may be left out.
    member_needs: Mapping[uuid.UUID, tuple[str, ...]] = field(default_factory=dict)
    change_reason: str = ""  # required once there is an earlier version (s189A(9)-(10))


@dataclass(frozen=True)
class HouseholdPerson:
    member_id: uuid.UUID
    name: str
    relationship: Relationship


@dataclass(frozen=True)
class MemberNeeds:
    member_id: uuid.UUID
    name: str  # "OKAFOR, Grace", as lists show it
    full_name: str  # "Grace Okafor", as letters write it
    relationship: Relationship
    codes: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class AssessmentView:
    assessment_id: uuid.UUID
    number: int  # 1 for the first version
    assessed_on: date
    assessed_by_name: str
    saved_at: datetime
    circumstances: str
    reason_for_loss: str
    reason_for_loss_label: str
    housing_needs: str
    suitable_accommodation: str
    support_needs: str
    member_needs: tuple[MemberNeeds, ...]  # only members with at least one need
    change_reason: str | None


@dataclass(frozen=True)
class AssessmentRecord:
    """A case's assessment: every version, oldest first, and who is in the household now."""

    versions: tuple[AssessmentView, ...]
    household: tuple[HouseholdPerson, ...]

    @property
    def current(self) -> AssessmentView | None:
        return self.versions[-1] if self.versions else None


def assessment_problems(
    entered: AssessmentInput,
    *,
    today: date,
    approached_on: date | None = None,
    revising: bool = False,
    household: tuple[uuid.UUID, ...] | None = None,
) -> dict[str, str]:
    """Field name -> what is wrong, in words the officer can act on; empty when all is well."""
    problems: dict[str, str] = {}
    if entered.assessed_on > today:
        problems["assessed_on"] = "The date of the assessment cannot be after today."
    elif approached_on is not None and entered.assessed_on < approached_on:
        problems["assessed_on"] = (
            f"The date of the assessment cannot be before the approach on "
            f"{long_date(approached_on)}."
        )
    required = {
        "circumstances": "Describe the circumstances that caused homelessness or the threat "
        "of it (s189A(2)(a)).",
        "housing_needs": "Describe the household's housing needs (s189A(2)(b)).",
        "suitable_accommodation": "Say what accommodation would be suitable for the household "
        "(s189A(2)(b)).",
        "support_needs": "Describe the support the household needs to get and keep a home, or "
        "write that none is needed (s189A(2)(c)).",
    }
    for name, message in required.items():
        text: str = getattr(entered, name)
        if not text.strip():
            problems[name] = message
        elif len(text) > TEXT_MAX_CHARS:
            problems[name] = f"This part holds at most {TEXT_MAX_CHARS:,} characters."
    if entered.reason_for_loss is None:
        problems["reason_for_loss"] = (
            "Choose the reason for the loss, or threat of loss, of the last settled home."
        )
    elif entered.reason_for_loss not in {
        row.internal_value for row in codes_in_force(CodeList.REASON_FOR_LOSS, entered.assessed_on)
    }:
        problems["reason_for_loss"] = (
            "That reason is not in the H-CLIC list in force on "
            f"{long_date(entered.assessed_on)}: choose another."
        )
    in_force = {
        row.internal_value for row in codes_in_force(CodeList.SUPPORT_NEED, entered.assessed_on)
    }
    for member_id, codes in entered.member_needs.items():
        if household is not None and member_id not in household:
            problems["member_needs"] = "A person given support needs is not in the household."
        elif any(code not in in_force for code in codes):
            problems["member_needs"] = (
                "A support need is not in the H-CLIC list in force on "
                f"{long_date(entered.assessed_on)}: choose again."
            )
        elif len(set(codes)) != len(codes):
            problems["member_needs"] = "A support need is given twice for the same person."
    if revising and not entered.change_reason.strip():
        problems["change_reason"] = (
            "Say what has changed since the last version: the assessment is kept under review "
            "(s189A(9)-(10))."
        )
    return problems


def assessment_of(store: Store, officer: OfficerView, case_id: uuid.UUID) -> AssessmentRecord:
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        live_case(session, case_id)
        return _record(session, case_id)


def save_assessment(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    entered: AssessmentInput,
    *,
    today: date,
) -> AssessmentView:
    """Save a new version of the case's assessment; the earlier ones stay as they were.
    Refused, with nothing written, if anything is missing or wrong, or nothing changed."""
    require(officer, Permission.WRITE_CASEWORK)
    with store.begin() as session:
        case = live_case(session, case_id)
        record = _record(session, case_id)
        previous = record.current
        problems = assessment_problems(
            entered,
            today=today,
            approached_on=case.approached_on,
            revising=previous is not None,
            household=tuple(person.member_id for person in record.household),
        )
        if problems:
            raise InvalidInput(problems)
        if previous is not None and _same_as(previous, entered):
            raise InvalidInput(
                {"circumstances": f"Nothing has changed since version {previous.number}."}
            )
        row = Assessment(
            case_id=case_id,
            revises_id=previous.assessment_id if previous else None,
            assessed_on=entered.assessed_on,
            assessed_by=officer.id,
            circumstances=entered.circumstances.strip(),
            reason_for_loss=entered.reason_for_loss,
            housing_needs=entered.housing_needs.strip(),
            suitable_accommodation=entered.suitable_accommodation.strip(),
            support_needs=entered.support_needs.strip(),
            change_reason=entered.change_reason.strip() or None,
        )
        session.add(row)
        session.flush()
        session.add_all(
            AssessmentSupportNeed(
                assessment_id=row.id, case_id=case_id, household_member_id=member_id, code=code
            )
            for member_id, codes in entered.member_needs.items()
            for code in codes
        )
        session.flush()
        current = _record(session, case_id).current
        assert current is not None
        return current


def latest_assessment(session: Session, case_id: uuid.UUID) -> AssessmentView | None:
    """The case's newest version, for the letters (services/plan_letters.py)."""
    return _record(session, case_id).current


def _same_as(previous: AssessmentView, entered: AssessmentInput) -> bool:
    needs = {n.member_id: set(n.codes) for n in previous.member_needs}
    entered_needs = {member: set(codes) for member, codes in entered.member_needs.items() if codes}
    return (
        previous.assessed_on == entered.assessed_on
        and previous.circumstances == entered.circumstances.strip()
        and previous.reason_for_loss == entered.reason_for_loss
        and previous.housing_needs == entered.housing_needs.strip()
        and previous.suitable_accommodation == entered.suitable_accommodation.strip()
        and previous.support_needs == entered.support_needs.strip()
        and needs == entered_needs
    )


def _record(session: Session, case_id: uuid.UUID) -> AssessmentRecord:
    people = session.execute(
        select(HouseholdMember, Person)
        .join(Person, Person.id == HouseholdMember.person_id)
        .where(HouseholdMember.case_id == case_id)
        .order_by(
            HouseholdMember.relationship_to_applicant != Relationship.APPLICANT,
            HouseholdMember.created_at,
        )
    ).all()
    # A member since removed keeps their name on the versions that gave them needs.
    names = {
        member.id: (display_name(person.family_name, person.given_names), member)
        for member, person in people
    }
    full_names = {
        member.id: f"{person.given_names} {person.family_name}".strip() for member, person in people
    }
    household = tuple(
        HouseholdPerson(member.id, name, member.relationship_to_applicant)
        for name, member in names.values()
        if member.deleted_at is None
    )
    rows = session.execute(
        select(Assessment, Officer.display_name)
        # Outer: a version stays readable if its officer is not on this laptop.
        .outerjoin(Officer, Officer.id == Assessment.assessed_by)
        .where(Assessment.case_id == case_id)
        .order_by(Assessment.created_at, Assessment.id)
    ).all()
    needs: dict[uuid.UUID, dict[uuid.UUID, list[str]]] = {}
    for need in session.scalars(
        select(AssessmentSupportNeed)
        .where(AssessmentSupportNeed.case_id == case_id)
        .order_by(AssessmentSupportNeed.created_at, AssessmentSupportNeed.id)
    ):
        needs.setdefault(need.assessment_id, {}).setdefault(need.household_member_id, []).append(
            need.code
        )
    order = {member_id: index for index, member_id in enumerate(names)}
    versions = []
    for number, (row, assessed_by) in enumerate(rows, start=1):
        by_member = needs.get(row.id, {})
        member_needs = tuple(
            MemberNeeds(
                member_id=member_id,
                name=names[member_id][0] if member_id in names else "Someone no longer listed",
                full_name=full_names.get(member_id, "Someone no longer listed"),
                relationship=names[member_id][1].relationship_to_applicant
                if member_id in names
                else Relationship.OTHER,
                codes=tuple(codes),
                labels=tuple(label_of(CodeList.SUPPORT_NEED, code) for code in codes),
            )
            for member_id, codes in sorted(
                by_member.items(), key=lambda item: order.get(item[0], len(order))
            )
        )
        versions.append(
            AssessmentView(
                assessment_id=row.id,
                number=number,
                assessed_on=row.assessed_on,
                assessed_by_name=assessed_by or OFFICER_NOT_HERE,
                saved_at=row.created_at,
                circumstances=row.circumstances,
                reason_for_loss=row.reason_for_loss,
                reason_for_loss_label=label_of(CodeList.REASON_FOR_LOSS, row.reason_for_loss),
                housing_needs=row.housing_needs,
                suitable_accommodation=row.suitable_accommodation,
                support_needs=row.support_needs,
                member_needs=member_needs,
                change_reason=row.change_reason,
            )
        )
    return AssessmentRecord(tuple(versions), household)
