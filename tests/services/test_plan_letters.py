"""The PHP letter and the assessment notice, written from a stored plan and assessment."""

import uuid
from dataclasses import replace

import pytest

from hoclient.letters import render_text
from hoclient.services.assessments import assessment_of, save_assessment
from hoclient.services.housing_plans import (
    add_step,
    plan_of,
    record_agreement,
    record_plan_given,
    set_step_status,
)
from hoclient.services.plan_letters import assessment_text_for, plan_for
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import PlanAgreement, PlanStepKind, PlanStepStatus
from tests.conftest import TODAY
from tests.letters.samples import ALL_CONTEXTS
from tests.services.helpers import approach_for, record
from tests.services.plan_helpers import a_step, an_assessment


@pytest.fixture
def case(store: Store, officer: OfficerView) -> CaseView:
    return record(store, officer, approach_for())


def _latest(store: Store, officer: OfficerView, case: CaseView) -> uuid.UUID | None:
    current = plan_of(store, officer, case.case_id).current
    return current.version_id if current else None


def test_the_assessment_notice_says_all_three_parts_with_the_codes_in_words(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    applicant = assessment_of(store, officer, case.case_id).household[0]
    save_assessment(
        store,
        officer,
        case.case_id,
        an_assessment(member_needs={applicant.member_id: ("YOUNG_PARENT",)}),
        today=TODAY,
    )
    with store.begin() as session:
        assessment = assessment_text_for(session, case.case_id)
    assert assessment is not None
    text = render_text(replace(ALL_CONTEXTS["assessment-notice"], assessment=assessment)).plain()
    assert "Her sister asked her to leave after the baby was born." in text
    assert "Family or friends no longer willing or able" in text
    assert "A two-bedroom flat or house in the borough, ground floor." in text
    assert "Grace Okafor: Young parent needing support." in text


def test_a_plan_changed_after_it_was_given_is_written_as_a_revised_version(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    for step in (
        a_step(PlanStepKind.APPLICANT_REQUIRED, "Bring your tenancy agreement."),
        a_step(PlanStepKind.COUNCIL, "Contact your landlord.", "Housing Options officer"),
    ):
        add_step(
            store,
            officer,
            case.case_id,
            step,
            today=TODAY,
            based_on=_latest(store, officer, case),
        )
    agreed = record_agreement(
        store,
        officer,
        case.case_id,
        PlanAgreement.AGREED,
        today=TODAY,
        based_on=_latest(store, officer, case),
    )
    record_plan_given(store, officer, case.case_id, agreed.version_id, given_on=TODAY, today=TODAY)
    with store.begin() as session:
        first = plan_for(session, case.case_id)
    assert first is not None and first.version == 3 and not first.revised
    first_text = render_text(replace(ALL_CONTEXTS["personal-housing-plan"], plan=first)).plain()
    assert "This plan has changed" not in first_text

    set_step_status(
        store,
        officer,
        case.case_id,
        agreed.steps_of(PlanStepKind.APPLICANT_REQUIRED)[0].step_key,
        PlanStepStatus.WITHDRAWN,
        today=TODAY,
        based_on=agreed.version_id,
    )
    with store.begin() as session:
        revised = plan_for(session, case.case_id)
    assert revised is not None and revised.version == 4 and revised.revised
    text = render_text(replace(ALL_CONTEXTS["personal-housing-plan"], plan=revised)).plain()
    assert "(version 4)" in text and "This plan has changed" in text
    assert "Bring your tenancy agreement. (who: Applicant; withdrawn)" in text
    assert "Contact your landlord." in text
