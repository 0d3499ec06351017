"""Demo assessments and Personal Housing Plans, so the Assessment and PHP tabs show something.

A share of the open demo cases gets an assessment whose story follows where the household
was living when it approached, and a plan built from the step library's wordings for that
situation: drawn up, agreed (or not, with the reason), often given to the applicant, and
sometimes moved on since (a step done), so the tab asks for the applicant to be told.
Written with bulk Core inserts after the cases, in the same transaction (demo_data.py).
"""

import random
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hoclient.models import (
    Assessment,
    AssessmentSupportNeed,
    HouseholdMember,
    HousingCase,
    PlanNotification,
    PlanStep,
    PlanVersion,
)
from hoclient.models.sync_codec import table_of
from hoclient.services.clock import LONDON
from hoclient.services.step_library import LibraryStep, step_library
from hoclient.vocabulary import (
    AccommodationAtApproach,
    CaseStatus,
    PlanAgreement,
    PlanStepKind,
    PlanStepStatus,
    Relationship,
)

SHARE_WITH_A_PLAN = 0.6
_AT = time(11, 30)

# Where the household lived -> (step library situation, H-CLIC A2 reason, the story).
_STORIES: dict[AccommodationAtApproach, tuple[str, str, str]] = {
    AccommodationAtApproach.WITH_FAMILY: (
        "family-exclusion",
        "FAMILY_OR_FRIENDS_EXCLUSION",
        "The applicant's family have asked the household to leave: the home is overcrowded "
        "and relations have broken down.",
    ),
    AccommodationAtApproach.WITH_FRIENDS: (
        "family-exclusion",
        "FAMILY_OR_FRIENDS_EXCLUSION",
        "Friends who have been putting the applicant up can no longer do so.",
    ),
    AccommodationAtApproach.PRIVATE_RENTED_SELF_CONTAINED: (
        "end-of-private-tenancy",
        "AST_OTHER_OR_NOT_KNOWN",
        "The landlord has served notice to end the assured shorthold tenancy and wants the "
        "property back.",
    ),
    AccommodationAtApproach.PRIVATE_RENTED_HMO: (
        "rent-arrears",
        "AST_ARREARS_RENT_INCREASE",
        "The rent went up and arrears built up; the landlord has served notice.",
    ),
    AccommodationAtApproach.REFUGE: (
        "domestic-abuse",
        "DOMESTIC_ABUSE_VICTIM",
        "The applicant left home because of domestic abuse and cannot safely return.",
    ),
    AccommodationAtApproach.LEAVING_INSTITUTION: (
        "prison-release",
        "LEFT_CUSTODY",
        "The applicant is due to be released from prison with nowhere to live.",
    ),
    AccommodationAtApproach.ROUGH_SLEEPING: (
        "rough-sleeping",
        "OTHER_OR_NOT_KNOWN",
        "The applicant has been sleeping rough since losing a room in a shared house.",
    ),
    AccommodationAtApproach.NO_FIXED_ABODE: (
        "rough-sleeping",
        "OTHER_OR_NOT_KNOWN",
        "The applicant has been staying in different places each night, with no settled home.",
    ),
    AccommodationAtApproach.COUNCIL_TENANT: (
        "rent-arrears",
        "SOCIAL_TENANCY_ARREARS",
        "Rent arrears on the council tenancy have led to possession proceedings.",
    ),
    AccommodationAtApproach.REGISTERED_PROVIDER_TENANT: (
        "rent-arrears",
        "SOCIAL_TENANCY_ARREARS",
        "Rent arrears on the housing association tenancy have led to a notice seeking possession.",
    ),
}
_ANY = ("any-situation", "OTHER_OR_NOT_KNOWN", "The applicant must leave their current home.")
_NOT_AGREED_BECAUSE = (
    "The applicant will only consider homes in the town centre, which they cannot afford.",
    "The applicant does not accept that they should look for private rented homes.",
)
_SUPPORT_CODES = (
    "MENTAL_HEALTH",
    "PHYSICAL_ILL_HEALTH_DISABILITY",
    "DIFFICULTY_BUDGETING",
    "DOMESTIC_ABUSE",
    "OFFENDING_HISTORY",
    "ALCOHOL_DEPENDENCY",
)


def add_demo_plans(session: Session, rng: random.Random, *, today: date, now: datetime) -> None:
    """An assessment and a plan for a share of the open cases, by each case's officer."""
    library = {s.situation_id: s.steps for s in step_library()}
    cases = session.execute(
        select(
            HousingCase.id,
            HousingCase.approached_on,
            HousingCase.accommodation_at_approach,
            HousingCase.assigned_officer_id,
        )
        .where(HousingCase.status == CaseStatus.OPEN)
        .order_by(HousingCase.reference)
    ).all()
    chosen = [case for case in cases if case.assigned_officer_id is not None]
    chosen = [case for case in chosen if rng.random() < SHARE_WITH_A_PLAN]
    members: dict[uuid.UUID, list[tuple[uuid.UUID, Relationship]]] = {}
    ids = [case.id for case in chosen]
    for start in range(0, len(ids), 500):
        for member_id, case_id, relationship in session.execute(
            select(
                HouseholdMember.id,
                HouseholdMember.case_id,
                HouseholdMember.relationship_to_applicant,
            ).where(HouseholdMember.case_id.in_(ids[start : start + 500]))
        ):
            members.setdefault(case_id, []).append((member_id, relationship))
    rows: dict[type, list[dict[str, Any]]] = {
        Assessment: [],
        AssessmentSupportNeed: [],
        PlanVersion: [],
        PlanStep: [],
        PlanNotification: [],
    }
    for case in chosen:
        officer_id = case.assigned_officer_id
        assert officer_id is not None
        situation, reason, story = _STORIES.get(case.accommodation_at_approach, _ANY)
        assessed_on = min(case.approached_on + timedelta(days=rng.randint(0, 7)), today)
        at = min(datetime.combine(assessed_on, _AT, tzinfo=LONDON).astimezone(UTC), now)
        household = members.get(case.id, [])
        _assessment(rows, rng, case.id, officer_id, assessed_on, at, reason, story, household)
        steps = library.get(situation, ()) + library["any-situation"]
        _plan(rows, rng, case.id, officer_id, assessed_on, at, steps, today=today, now=now)
    for model, model_rows in rows.items():
        if model_rows:
            session.execute(insert(table_of(model)), model_rows)


def _assessment(
    rows: dict[type, list[dict[str, Any]]],
    rng: random.Random,
    case_id: uuid.UUID,
    officer_id: uuid.UUID,
    assessed_on: date,
    at: datetime,
    reason: str,
    story: str,
    household: Sequence[tuple[uuid.UUID, Relationship]],
) -> None:
    assessment_id = uuid.uuid4()
    children = sum(1 for _, relationship in household if relationship is Relationship.CHILD)
    bedrooms = 1 + (children + 1) // 2 if children else 1
    rows[Assessment].append(
        {
            "id": assessment_id,
            "created_at": at,
            "case_id": case_id,
            "revises_id": None,
            "assessed_on": assessed_on,
            "assessed_by": officer_id,
            "circumstances": story,
            "reason_for_loss": reason,
            "housing_needs": f"A home with {bedrooms} bedroom{'s' if bedrooms > 1 else ''}, "
            "affordable on the household's income, near schools and support.",
            "suitable_accommodation": "Self-contained private rented or social housing in the "
            "district, within the Local Housing Allowance rate.",
            "support_needs": "Help to find and set up a new home; budgeting advice.",
            "change_reason": None,
        }
    )
    for member_id, relationship in household:
        if relationship is Relationship.APPLICANT or rng.random() < 0.2:
            for code in rng.sample(_SUPPORT_CODES, rng.randint(0, 2)):
                rows[AssessmentSupportNeed].append(
                    {
                        "id": uuid.uuid4(),
                        "created_at": at,
                        "assessment_id": assessment_id,
                        "case_id": case_id,
                        "household_member_id": member_id,
                        "code": code,
                    }
                )


def _plan(
    rows: dict[type, list[dict[str, Any]]],
    rng: random.Random,
    case_id: uuid.UUID,
    officer_id: uuid.UUID,
    made_on: date,
    at: datetime,
    library: tuple[LibraryStep, ...],
    *,
    today: date,
    now: datetime,
) -> None:
    """Drawn up, then agreement recorded, perhaps given, perhaps a step done since."""
    picked: list[LibraryStep] = []
    for kind, wanted in (
        (PlanStepKind.APPLICANT_REQUIRED, 2),
        (PlanStepKind.COUNCIL, 2),
        (PlanStepKind.ADVISED, 1),
    ):
        picked += [step for step in library if step.kind is kind][:wanted]
    steps: list[dict[str, Any]] = [
        {
            "step_key": uuid.uuid4(),
            "kind": step.kind,
            "text": step.text,
            "owner": step.owner,
            "due_on": step.due_on(made_on),
            "status": PlanStepStatus.OPEN,
            "library_id": step.library_id,
        }
        for step in picked
    ]
    agreed = rng.random() < 0.85
    versions = [
        ("Plan drawn up from the step library", PlanAgreement.NOT_YET_RECORDED, None),
        (
            "Steps agreed with the applicant"
            if agreed
            else "Steps not agreed; reasons and required steps recorded",
            PlanAgreement.AGREED if agreed else PlanAgreement.NOT_AGREED,
            None if agreed else rng.choice(_NOT_AGREED_BECAUSE),
        ),
    ]
    step_done_later = made_on + timedelta(days=7) <= today and rng.random() < 0.4
    previous: uuid.UUID | None = None
    for number, (change, agreement, because) in enumerate(versions, start=1):
        version_id = uuid.uuid4()
        made_at = min(at + timedelta(minutes=number), now)
        _version(rows, case_id, officer_id, version_id, previous, made_on, made_at, change)
        rows[PlanVersion][-1].update(agreement=agreement, not_agreed_because=because)
        _steps(rows, case_id, version_id, made_at, steps)
        previous = version_id
    if rng.random() < 0.7:
        rows[PlanNotification].append(
            {
                "id": uuid.uuid4(),
                "created_at": min(at + timedelta(minutes=5), now),
                "case_id": case_id,
                "plan_version_id": previous,
                "notified_on": made_on,
                "recorded_by": officer_id,
                "how": "Copy handed to the applicant",
            }
        )
    if step_done_later:
        done_on = made_on + timedelta(days=7)
        steps[0] = {**steps[0], "status": PlanStepStatus.DONE}
        version_id = uuid.uuid4()
        made_at = min(datetime.combine(done_on, _AT, tzinfo=LONDON).astimezone(UTC), now)
        _version(
            rows,
            case_id,
            officer_id,
            version_id,
            previous,
            done_on,
            made_at,
            f"Done: {steps[0]['text'][:79]}",
        )
        rows[PlanVersion][-1].update(agreement=versions[-1][1], not_agreed_because=versions[-1][2])
        _steps(rows, case_id, version_id, made_at, steps)


def _version(
    rows: dict[type, list[dict[str, Any]]],
    case_id: uuid.UUID,
    officer_id: uuid.UUID,
    version_id: uuid.UUID,
    previous: uuid.UUID | None,
    made_on: date,
    made_at: datetime,
    change: str,
) -> None:
    rows[PlanVersion].append(
        {
            "id": version_id,
            "created_at": made_at,
            "case_id": case_id,
            "revises_id": previous,
            "made_on": made_on,
            "made_by": officer_id,
            "change": change,
        }
    )


def _steps(
    rows: dict[type, list[dict[str, Any]]],
    case_id: uuid.UUID,
    version_id: uuid.UUID,
    made_at: datetime,
    steps: list[dict[str, Any]],
) -> None:
    positions: dict[PlanStepKind, int] = {}
    for step in steps:
        positions[step["kind"]] = positions.get(step["kind"], 0) + 1
        rows[PlanStep].append(
            {
                **step,
                "id": uuid.uuid4(),
                "created_at": made_at,
                "case_id": case_id,
                "plan_version_id": version_id,
                "position": positions[step["kind"]],
            }
        )
