"""Builders for assessment and plan tests: fictional households only."""

from datetime import date

from hoclient.services.assessments import AssessmentInput
from hoclient.services.housing_plans import StepInput
from hoclient.vocabulary import PlanStepKind

ASSESSED_ON = date(2026, 11, 20)


def an_assessment(**changes: object) -> AssessmentInput:
    values: dict[str, object] = {
        "assessed_on": ASSESSED_ON,
        "circumstances": "Her sister asked her to leave after the baby was born.",
        "reason_for_loss": "FAMILY_OR_FRIENDS_EXCLUSION",
        "housing_needs": "Two bedrooms near the children's school.",
        "suitable_accommodation": "A two-bedroom flat or house in the borough, ground floor.",
        "support_needs": "Help to budget for a first tenancy.",
    }
    values.update(changes)
    return AssessmentInput(**values)  # type: ignore[arg-type]


def a_step(kind: PlanStepKind, text: str, owner: str = "Applicant", **changes: object) -> StepInput:
    return StepInput(kind=kind, text=text, owner=owner, **changes)  # type: ignore[arg-type]
