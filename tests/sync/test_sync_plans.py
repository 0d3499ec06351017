"""Assessments and plans travel with their case, and two laptops never conflict over them."""

from hoclient.services.assessments import assessment_of, save_assessment
from hoclient.services.housing_plans import add_step, plan_of
from hoclient.vocabulary import PlanStepKind
from tests.conftest import TODAY
from tests.services.helpers import approach_for, record
from tests.services.plan_helpers import a_step, an_assessment
from tests.sync.conftest import Laptops
from tests.sync.test_sync import dump


def test_a_plan_changed_on_two_laptops_keeps_both_versions_and_says_so(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    save_assessment(first.store, first.officer, case.case_id, an_assessment(), today=TODAY)
    drawn_up = add_step(
        first.store,
        first.officer,
        case.case_id,
        a_step(PlanStepKind.COUNCIL, "Contact the landlord.", "Officer"),
        today=TODAY,
        based_on=None,
    )
    first.sync()
    second.sync()
    assert assessment_of(second.store, second.officer, case.case_id).current is not None
    assert plan_of(second.store, second.officer, case.case_id) == plan_of(
        first.store, first.officer, case.case_id
    )

    for laptop, text in ((first, "Bring your ID."), (second, "Go to the mediation session.")):
        add_step(
            laptop.store,
            laptop.officer,
            case.case_id,
            a_step(PlanStepKind.APPLICANT_REQUIRED, text),
            today=TODAY,
            based_on=drawn_up.version_id,
        )
    first.sync()
    assert second.sync().conflicts == 0
    first.sync()
    assert dump(first) == dump(second)

    plan = plan_of(first.store, first.officer, case.case_id)
    texts = {v.steps_of(PlanStepKind.APPLICANT_REQUIRED)[0].text for v in plan.versions[1:]}
    assert texts == {"Bring your ID.", "Go to the mediation session."}
    assert plan.made_in_parallel == (3,)
    assert plan.parallel_warning is not None and "another laptop" in plan.parallel_warning
