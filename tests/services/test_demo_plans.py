"""Demo assessments and plans: a share of the open cases, coded from the one table."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hoclient.models import Assessment, AssessmentSupportNeed, HousingCase, PlanVersion
from hoclient.reports.hclic_codes import CodeList, code_of
from hoclient.services.assessments import assessment_of
from hoclient.services.housing_plans import plan_of
from hoclient.services.officers import current_officer
from hoclient.services.plan_letters import assessment_text_for, plan_for
from hoclient.store.handle import Store, open_store
from hoclient.vocabulary import CaseStatus, PlanAgreement
from tests.services.test_demo_data import fill


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("demo-plans") / "store.sqlite"
    shutil.copyfile(migrated_template, path)
    opened = open_store(path)
    assert fill(opened, persons=200, cases=80)[0] == 0
    yield opened
    opened.close()


def test_a_share_of_the_open_cases_have_an_assessment_and_a_plan(demo: Store) -> None:
    with demo.begin() as session:
        open_cases = set(
            session.scalars(select(HousingCase.id).where(HousingCase.status == CaseStatus.OPEN))
        )
        assessed = set(session.scalars(select(Assessment.case_id)))
        planned = set(session.scalars(select(PlanVersion.case_id)))
    assert assessed == planned
    assert assessed <= open_cases
    assert 0.3 < len(assessed) / len(open_cases) < 0.9


def test_demo_codes_come_from_the_mapping_table(demo: Store) -> None:
    with demo.begin() as session:
        reasons = set(session.scalars(select(Assessment.reason_for_loss)))
        needs = set(session.scalars(select(AssessmentSupportNeed.code)))
    assert reasons and needs
    assert all(code_of(CodeList.REASON_FOR_LOSS, reason) for reason in reasons)
    assert all(code_of(CodeList.SUPPORT_NEED, need) for need in needs)


def test_demo_plans_read_back_through_the_services_and_the_letters(demo: Store) -> None:
    officer = current_officer(demo)
    with demo.begin() as session:
        case_ids = list(session.scalars(select(PlanVersion.case_id).distinct()))
    agreements = set()
    notices = 0
    for case_id in case_ids:
        plan = plan_of(demo, officer, case_id)
        assert plan.current is not None and len(plan.current.steps) == 5
        agreements.add(plan.current.agreement)
        notices += plan.notice is not None
        assert assessment_of(demo, officer, case_id).current is not None
        with demo.begin() as session:
            letter = plan_for(session, case_id)
            assert letter is not None and len(letter.council_steps) == 2
            assert assessment_text_for(session, case_id) is not None
    assert agreements == {PlanAgreement.AGREED, PlanAgreement.NOT_AGREED}
    assert 0 < notices < len(case_ids)
