"""The Assessment and PHP tabs: an officer completes the s189A assessment, builds a plan from
the step library, and finds it all again when the case is reopened."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hoclient.reports.hclic_codes import CodeList, codes_in_force
from hoclient.services.assessments import assessment_of
from hoclient.services.housing_plans import plan_of
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.assessment_tab import AssessmentTab
from hoclient.ui.case_window import CaseWindow
from hoclient.ui.main_window import MainWindow
from hoclient.ui.step_dialog import StepDialog
from hoclient.vocabulary import PlanAgreement, PlanStepKind, PlanStepStatus
from tests.conftest import TODAY
from tests.ui.helpers import click, record_case

LIBRARY_STEPS = (  # two of each kind, from two situations
    ("family-exclusion", "family-mediation-applicant"),
    ("any-situation", "any-documents"),
    ("family-exclusion", "family-mediation-council"),
    ("family-exclusion", "family-home-visit"),
    ("family-exclusion", "family-alternative-stay"),
    ("any-situation", "any-advice"),
)


@pytest.fixture
def case(store: Store, officer: OfficerView) -> CaseView:
    return record_case(store, officer)


def _open(qtbot: QtBot, main_window: MainWindow, case: CaseView) -> CaseWindow:
    window = main_window.open_case(case.case_id)
    assert window is not None
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _tick(tab: AssessmentTab, person: int, code: str) -> None:
    needs = list(tab.need_lists.values())[person]
    for row in range(needs.count()):
        if needs.item(row).data(Qt.ItemDataRole.UserRole) == code:
            needs.item(row).setCheckState(Qt.CheckState.Checked)
            return
    raise KeyError(code)


def _fill_assessment(qtbot: QtBot, tab: AssessmentTab) -> None:
    tab.assessed_on.clear()
    qtbot.keyClicks(tab.assessed_on, "20/11/2026")
    qtbot.keyClicks(tab.circumstances, "Her sister asked her to leave after the baby was born.")
    tab.reason_for_loss.setCurrentIndex(tab.reason_for_loss.findData("FAMILY_OR_FRIENDS_EXCLUSION"))
    qtbot.keyClicks(tab.housing_needs, "Two bedrooms near the school.")
    qtbot.keyClicks(tab.suitable_accommodation, "A two-bedroom flat in the borough.")
    qtbot.keyClicks(tab.support_needs, "Help to budget for a first tenancy.")
    _tick(tab, 0, "YOUNG_PARENT")
    _tick(tab, 0, "DIFFICULTY_BUDGETING")


def _add_from_library(qtbot: QtBot, window: CaseWindow, situation: str, wording: str) -> None:
    tab = window.php_tab
    qtbot.waitUntil(window.isActiveWindow)  # the keyboard is back from the last dialog
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = tab.step_dialog
    assert isinstance(dialog, StepDialog)
    dialog.select_situation(situation)
    dialog.select_wording(wording)
    click(qtbot, dialog.use_wording_button)
    qtbot.keyClicks(dialog.text, " Edited.")  # the officer makes the wording the household's
    with qtbot.waitSignal(tab.changed, timeout=5000):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: tab.step_dialog is None)


def test_an_officer_assesses_builds_a_plan_from_the_library_and_finds_it_all_again(
    qtbot: QtBot, main_window: MainWindow, case: CaseView, store: Store, officer: OfficerView
) -> None:
    window = _open(qtbot, main_window, case)
    window.show_tab(window.assessment_tab)
    _fill_assessment(qtbot, window.assessment_tab)
    with qtbot.waitSignal(window.assessment_tab.saved, timeout=5000):
        click(qtbot, window.assessment_tab.save_button)

    php = window.php_tab
    window.show_tab(php)
    for situation, wording in LIBRARY_STEPS:
        _add_from_library(qtbot, window, situation, wording)
    php.agreement.setCurrentIndex(php.agreement.findData(PlanAgreement.AGREED))
    with qtbot.waitSignal(php.changed, timeout=5000):
        click(qtbot, php.record_agreement_button)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.case_windows == {})
    qtbot.waitUntil(main_window.isActiveWindow)  # the keyboard is back in the main window

    again = _open(qtbot, main_window, case)
    assessment = again.assessment_tab
    assert assessment.circumstances.toPlainText().startswith("Her sister asked her to leave")
    assert assessment.reason_for_loss.currentText() == "Family or friends no longer willing or able"
    assert assessment.suitable_accommodation.toPlainText() == "A two-bedroom flat in the borough."
    assert assessment.versions_model.rowCount() == 1
    assert "Young parent needing support" in assessment.version_text.toPlainText()
    plan = again.php_tab
    for kind in PlanStepKind:
        texts = [step.text for step in plan.models[kind].rows()]
        assert len(texts) == 2 and all(text.endswith(" Edited.") for text in texts), kind
    mediation = plan.models[PlanStepKind.APPLICANT_REQUIRED].rows()[0]
    assert mediation.library_id == "family-mediation-applicant"
    assert mediation.due_on == date(2026, 12, 9)  # the library's 14 days from today
    assert plan.agreement_label.text() == "The applicant agreed the steps."
    assert plan.versions_model.rowCount() == 7  # six steps, then agreement
    assert "Give the applicant a written copy" in plan.notice.text()
    assert plan_of(store, officer, case.case_id).current is not None


def test_the_assessment_says_what_is_missing_as_the_officer_types_and_saves_nothing(
    qtbot: QtBot, main_window: MainWindow, case: CaseView, store: Store, officer: OfficerView
) -> None:
    tab = _open(qtbot, main_window, case).assessment_tab
    qtbot.keyClicks(tab.circumstances, "Asked to leave.")
    tab.circumstances.clear()
    assert "s189A(2)(a)" in tab.messages.shown()["circumstances"]
    with qtbot.assertNotEmitted(tab.saved, wait=200):
        click(qtbot, tab.save_button)
    shown = tab.messages.shown()
    assert set(shown) >= {
        "circumstances",
        "reason_for_loss",
        "housing_needs",
        "suitable_accommodation",
        "support_needs",
    }
    assert assessment_of(store, officer, case.case_id).versions == ()


def test_the_pick_lists_are_the_mapping_tables_codes(
    qtbot: QtBot, main_window: MainWindow, case: CaseView
) -> None:
    tab = _open(qtbot, main_window, case).assessment_tab
    reasons = [tab.reason_for_loss.itemData(i) for i in range(tab.reason_for_loss.count())]
    assert reasons == [r.internal_value for r in codes_in_force(CodeList.REASON_FOR_LOSS, TODAY)]
    needs = next(iter(tab.need_lists.values()))
    codes = [needs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(needs.count())]
    assert codes == [r.internal_value for r in codes_in_force(CodeList.SUPPORT_NEED, TODAY)]


def test_a_plan_not_agreed_needs_the_reason_and_shows_the_steps_required(
    qtbot: QtBot, main_window: MainWindow, case: CaseView
) -> None:
    window = _open(qtbot, main_window, case)
    php = window.php_tab
    window.show_tab(php)
    _add_from_library(qtbot, window, "end-of-private-tenancy", "tenancy-search-private")
    _add_from_library(qtbot, window, "end-of-private-tenancy", "tenancy-contact-landlord")
    php.agreement.setCurrentIndex(php.agreement.findData(PlanAgreement.NOT_AGREED))
    assert php.not_agreed_because.isVisible()
    with qtbot.assertNotEmitted(php.changed, wait=200):
        click(qtbot, php.record_agreement_button)
    assert "s189A(6)(a)" in php.agreement_problem.text()

    qtbot.keyClicks(php.not_agreed_because, "She will not look outside the town centre.")
    with qtbot.waitSignal(php.changed, timeout=5000):
        click(qtbot, php.record_agreement_button)
    assert (
        php.headings[PlanStepKind.APPLICANT_REQUIRED]
        .text()
        .startswith("Steps the council considers it reasonable to require")
    )
    assert "She will not look outside" in php.agreement_label.text()

    php.select_step(PlanStepKind.COUNCIL, 0)
    with qtbot.waitSignal(php.changed, timeout=5000):
        click(qtbot, php.done_button)
    assert php.models[PlanStepKind.COUNCIL].rows()[0].status is PlanStepStatus.DONE
    assert php.versions_model.rowCount() == 4
    earlier = php.versions_model.rows()[2]
    assert earlier.steps_of(PlanStepKind.COUNCIL)[0].status is PlanStepStatus.OPEN


def test_an_assessment_typed_but_not_saved_is_there_when_the_case_is_reopened(
    qtbot: QtBot, main_window: MainWindow, case: CaseView, store: Store, officer: OfficerView
) -> None:
    window = _open(qtbot, main_window, case)
    qtbot.keyClicks(window.assessment_tab.circumstances, "Asked to leave by her sister.")
    _tick(window.assessment_tab, 0, "YOUNG_PARENT")
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.case_windows == {})
    qtbot.waitUntil(main_window.isActiveWindow)

    tab = _open(qtbot, main_window, case).assessment_tab
    assert tab.circumstances.toPlainText() == "Asked to leave by her sister."
    assert tab.entered().member_needs == {tab.record.household[0].member_id: ("YOUNG_PARENT",)}
    assert "Not saved yet" in tab.refusal.text()
    assert assessment_of(store, officer, case.case_id).versions == ()
