"""The Personalised Housing Plan: three lists, agreement, and a new version for every change."""

import uuid
from dataclasses import replace

import pytest

from hoclient.models import PlanStep, PlanVersion
from hoclient.services.errors import InvalidInput, NotAllowed
from hoclient.services.housing_plans import (
    PlanMovedOn,
    PlanVersionView,
    StepInput,
    add_step,
    edit_step,
    plan_of,
    record_agreement,
    record_plan_given,
    set_step_status,
)
from hoclient.services.plan_letters import plan_for
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import PlanAgreement, PlanStepKind, PlanStepStatus, Role
from tests.conftest import TODAY
from tests.services.helpers import approach_for, record
from tests.services.plan_helpers import a_step

REQUIRED = PlanStepKind.APPLICANT_REQUIRED
COUNCIL = PlanStepKind.COUNCIL


@pytest.fixture
def case(store: Store, officer: OfficerView) -> CaseView:
    return record(store, officer, approach_for())


def _add(store: Store, officer: OfficerView, case: CaseView, step: StepInput) -> PlanVersionView:
    current = plan_of(store, officer, case.case_id).current
    return add_step(
        store,
        officer,
        case.case_id,
        step,
        today=TODAY,
        based_on=current.version_id if current else None,
    )


def _rows(store: Store) -> tuple[int, int]:
    with store.begin() as session:
        return session.query(PlanVersion).count(), session.query(PlanStep).count()


def test_a_plan_not_agreed_records_why_and_the_steps_reasonable_to_require(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    _add(store, officer, case, a_step(REQUIRED, "Look for private rented homes each week."))
    current = _add(store, officer, case, a_step(COUNCIL, "Contact the landlord.", "Officer"))

    saved = record_agreement(
        store,
        officer,
        case.case_id,
        PlanAgreement.NOT_AGREED,
        "She will only consider homes in the town centre.",
        today=TODAY,
        based_on=current.version_id,
    )

    assert saved.agreement is PlanAgreement.NOT_AGREED
    assert saved.not_agreed_because == "She will only consider homes in the town centre."
    assert [s.text for s in saved.steps_of(REQUIRED)] == [
        "Look for private rented homes each week."
    ]
    with store.begin() as session:
        letter = plan_for(session, case.case_id)
    assert letter is not None and not letter.agreed
    assert letter.not_agreed_because == "She will only consider homes in the town centre."
    assert [s.text for s in letter.applicant_steps] == ["Look for private rented homes each week."]
    assert [s.text for s in letter.council_steps] == ["Contact the landlord."]


def test_not_agreed_is_refused_without_reasons_or_required_steps_and_changes_nothing(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    current = _add(store, officer, case, a_step(COUNCIL, "Contact the landlord.", "Officer"))
    with pytest.raises(InvalidInput) as refused:
        record_agreement(
            store,
            officer,
            case.case_id,
            PlanAgreement.NOT_AGREED,
            " ",
            today=TODAY,
            based_on=current.version_id,
        )
    assert "s189A(6)(a)" in refused.value.problems["not_agreed_because"]
    assert "s189A(6)(b)" in refused.value.problems["agreement"]
    assert _rows(store) == (1, 1)


def test_editing_a_plan_keeps_the_earlier_version_readable_in_order(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    _add(store, officer, case, a_step(REQUIRED, "Bring your tenancy agreement."))
    first = _add(store, officer, case, a_step(COUNCIL, "Contact the landlord.", "Officer"))
    step = first.steps_of(REQUIRED)[0]
    edited = edit_step(
        store,
        officer,
        case.case_id,
        step.step_key,
        a_step(REQUIRED, "Bring your tenancy agreement and the notice.", due_on=TODAY),
        today=TODAY,
        based_on=first.version_id,
    )
    done = set_step_status(
        store,
        officer,
        case.case_id,
        step.step_key,
        PlanStepStatus.DONE,
        today=TODAY,
        based_on=edited.version_id,
    )

    versions = plan_of(store, officer, case.case_id).versions
    assert [v.number for v in versions] == [1, 2, 3, 4]
    assert versions[1] == first
    assert versions[1].steps_of(REQUIRED)[0].text == "Bring your tenancy agreement."
    assert versions[2].steps_of(REQUIRED)[0].text == "Bring your tenancy agreement and the notice."
    assert versions[3] == done
    assert done.steps_of(REQUIRED)[0].status is PlanStepStatus.DONE
    assert versions[1].steps_of(REQUIRED)[0].status is PlanStepStatus.OPEN
    assert done.change.startswith("Done: Bring your tenancy")
    # The step is the same step in every version, so its history can be followed.
    assert {v.steps_of(REQUIRED)[0].step_key for v in versions[1:]} == {step.step_key}


def test_a_change_after_the_plan_was_given_asks_for_the_applicant_to_be_told(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    _add(store, officer, case, a_step(REQUIRED, "Bring your tenancy agreement."))
    version = _add(store, officer, case, a_step(COUNCIL, "Contact the landlord.", "Officer"))
    agreed = record_agreement(
        store,
        officer,
        case.case_id,
        PlanAgreement.AGREED,
        today=TODAY,
        based_on=version.version_id,
    )
    assert "s189A(8)" in (plan_of(store, officer, case.case_id).notice or "")
    given = record_plan_given(
        store, officer, case.case_id, agreed.version_id, given_on=TODAY, today=TODAY
    )
    assert given.notice is None

    _add(store, officer, case, a_step(PlanStepKind.ADVISED, "Get debt advice."))

    plan = plan_of(store, officer, case.case_id)
    assert plan.notice is not None
    assert "since version 3 was given to the applicant on 25 November 2026" in plan.notice
    assert "s189A(10)-(11)" in plan.notice
    with store.begin() as session:
        letter = plan_for(session, case.case_id)
    assert letter is not None and letter.version == 4 and letter.revised and letter.agreed


def test_a_change_made_from_an_old_screen_is_refused(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    first = _add(store, officer, case, a_step(REQUIRED, "Bring your tenancy agreement."))
    _add(store, officer, case, a_step(COUNCIL, "Contact the landlord.", "Officer"))
    with pytest.raises(PlanMovedOn):
        add_step(
            store,
            officer,
            case.case_id,
            a_step(COUNCIL, "Refer to mediation.", "Officer"),
            today=TODAY,
            based_on=first.version_id,
        )
    assert _rows(store) == (2, 3)


@pytest.mark.parametrize(
    ("step", "field"),
    [
        (a_step(REQUIRED, "  "), "text"),
        (a_step(REQUIRED, "Bring ID.", owner=""), "owner"),
        (a_step(REQUIRED, "x" * 2001), "text"),
    ],
)
def test_a_step_without_words_or_owner_is_refused(
    store: Store, officer: OfficerView, case: CaseView, step: StepInput, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_step(store, officer, case.case_id, step, today=TODAY, based_on=None)
    assert field in refused.value.problems
    assert _rows(store) == (0, 0)


def test_no_plan_no_letter_and_an_unknown_step_is_not_found(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    with store.begin() as session:
        assert plan_for(session, case.case_id) is None
    version = _add(store, officer, case, a_step(COUNCIL, "Contact the landlord.", "Officer"))
    with store.begin() as session:
        assert plan_for(session, case.case_id) is None, "agreement not yet recorded"
    with pytest.raises(Exception, match="not in the current version"):
        set_step_status(
            store,
            officer,
            case.case_id,
            uuid.uuid4(),
            PlanStepStatus.DONE,
            today=TODAY,
            based_on=version.version_id,
        )


def test_a_volunteer_may_not_change_a_plan(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    volunteer = replace(officer, role=Role.VOLUNTEER)
    with pytest.raises(NotAllowed):
        add_step(
            store,
            volunteer,
            case.case_id,
            a_step(REQUIRED, "Bring ID."),
            today=TODAY,
            based_on=None,
        )
    assert _rows(store) == (0, 0)


def test_a_step_added_after_agreement_must_be_agreed_again_before_the_plan_is_given(
    store: Store, officer: OfficerView, case: CaseView
) -> None:
    _add(store, officer, case, a_step(REQUIRED, "Bring your tenancy agreement."))
    version = _add(store, officer, case, a_step(COUNCIL, "Contact the landlord.", "Officer"))
    agreed = record_agreement(
        store, officer, case.case_id, PlanAgreement.AGREED, today=TODAY, based_on=version.version_id
    )
    changed = _add(store, officer, case, a_step(REQUIRED, "Register with two letting agents."))

    assert changed.agreement is PlanAgreement.NOT_YET_RECORDED
    plan = plan_of(store, officer, case.case_id)
    assert "changed since the applicant agreed them" in (plan.notice or "")
    assert not plan.copy_owed
    with store.begin() as session:
        assert plan_for(session, case.case_id) is None  # no letter claims steps not agreed
    with pytest.raises(InvalidInput):
        record_plan_given(
            store, officer, case.case_id, changed.version_id, given_on=TODAY, today=TODAY
        )
    advised = _add(store, officer, case, a_step(PlanStepKind.ADVISED, "Get debt advice."))
    assert advised.agreement is PlanAgreement.NOT_YET_RECORDED
    assert agreed.agreement is PlanAgreement.AGREED, "the agreed version is kept as it was"
