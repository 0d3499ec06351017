"""The assessment and the Personalised Housing Plan of a case, as the letters write them.

Both read the case's newest version (services/assessments.py, services/housing_plans.py).
They take the caller's session and check no role: the letter service that calls them has.
"""

import uuid

from sqlalchemy.orm import Session

from hoclient.letters.context import AssessmentText, Plan, PlanStep
from hoclient.services.assessments import latest_assessment
from hoclient.services.housing_plans import StepView, plan_record
from hoclient.vocabulary import PlanAgreement, PlanStepKind


def assessment_text_for(session: Session, case_id: uuid.UUID) -> AssessmentText | None:
    """The case's latest s189A(2) assessment in the words the officer wrote; None if none."""
    assessment = latest_assessment(session, case_id)
    if assessment is None:
        return None
    support = [assessment.support_needs]
    support.extend(
        f"{member.full_name}: {'; '.join(member.labels)}." for member in assessment.member_needs
    )
    return AssessmentText(
        circumstances=f"{assessment.circumstances}\n\n"
        f"Reason for the loss of your home, as we record it: {assessment.reason_for_loss_label}.",
        housing_needs=f"{assessment.housing_needs}\n\n"
        f"Accommodation that would be suitable for your household: "
        f"{assessment.suitable_accommodation}",
        support_needs="\n\n".join(support),
    )


def plan_for(session: Session, case_id: uuid.UUID) -> Plan | None:
    """The case's latest Personalised Housing Plan (s189A(4)-(6)); None if there is none, or
    whether its steps were agreed is not yet recorded."""
    record = plan_record(session, case_id)
    current = record.current
    if current is None or current.agreement is PlanAgreement.NOT_YET_RECORDED:
        return None

    def steps(kind: PlanStepKind) -> tuple[PlanStep, ...]:
        return tuple(_letter_step(step) for step in current.steps_of(kind))

    return Plan(
        agreed=current.agreement is PlanAgreement.AGREED,
        applicant_steps=steps(PlanStepKind.APPLICANT_REQUIRED),
        council_steps=steps(PlanStepKind.COUNCIL),
        advised_steps=steps(PlanStepKind.ADVISED),
        not_agreed_because=current.not_agreed_because or "",
        version=current.number,
        revised=any(
            version.notified_on is not None and version.number < current.number
            for version in record.versions
        ),
    )


def _letter_step(step: StepView) -> PlanStep:
    return PlanStep(
        text=step.text, owner=step.owner, due_on=step.due_on, status=step.status.value.lower()
    )
