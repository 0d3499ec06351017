"""Issue 5's journey at a home visit: the officer completes the s189A assessment, agrees a
plan with two steps of each kind, issues the PHP and the prevention duty's s184 letter, and
sees both on the Letters tab; the PHP tab then knows the plan was given in writing."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hoclient.services.housing_plans import plan_of
from hoclient.services.letters import letters_of
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.case_window import CaseWindow
from hoclient.ui.issue_letter_dialog import IssueLetterDialog
from hoclient.ui.main_window import MainWindow
from hoclient.vocabulary import LetterDelivery, PlanAgreement, PlanStepKind
from tests.services.duty_helpers import decide
from tests.ui.helpers import click, record_case
from tests.ui.test_assessment_and_plan import LIBRARY_STEPS, _add_from_library, _fill_assessment
from tests.ui.test_letters import select_decision

APPROACHED_ON = date(2026, 11, 2)


@pytest.fixture
def case(store: Store, officer: OfficerView) -> CaseView:
    made = record_case(store, officer, approached_on=APPROACHED_ON)
    decide(store, officer, made.case_id, "application", APPROACHED_ON)
    decide(store, officer, made.case_id, "prevention_duty_accepted", date(2026, 11, 3))
    return made


def _issue(qtbot: QtBot, window: CaseWindow, kind_id: str, how: LetterDelivery) -> None:
    dialog = window.letters_tab.issue_dialog
    assert isinstance(dialog, IssueLetterDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: len(dialog.pages.page_labels) >= 1, timeout=10_000)
    chosen = dialog.chosen()
    assert chosen is not None and chosen.kind_id == kind_id
    dialog.delivery.setCurrentIndex(dialog.delivery.findData(how))
    with qtbot.waitSignal(dialog.issued, timeout=10_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.letters_tab.issue_dialog is None)
    qtbot.waitUntil(window.isActiveWindow)


def test_assess_agree_a_plan_issue_the_php_and_the_s184_letter_and_see_both(
    qtbot: QtBot, main_window: MainWindow, case: CaseView, store: Store, officer: OfficerView
) -> None:
    window = main_window.open_case(case.case_id)
    assert window is not None
    qtbot.waitUntil(window.isActiveWindow)

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
    assert all(len(php.models[kind].rows()) == 2 for kind in PlanStepKind)
    assert "Give the applicant a written copy" in php.notice.text()

    assert php.letter_button.isEnabled()
    click(qtbot, php.letter_button)
    _issue(qtbot, window, "personal-housing-plan", LetterDelivery.HANDED_OVER)

    window.show_tab(window.duties_tab)
    select_decision(window, "Prevention duty")
    click(qtbot, window.duties_tab.issue_letter_button)
    _issue(qtbot, window, "s184-prevention-duty", LetterDelivery.EMAILED)

    letters = window.letters_tab.model
    qtbot.waitUntil(lambda: letters.rowCount() == 2)
    titles = {letters.data(letters.index(row, 1)) for row in range(2)}
    assert "Decision: we owe you the prevention duty" in titles
    assert any("plan" in title.lower() for title in titles), titles
    stored = letters_of(store, officer, case.case_id)
    kinds = {letter.kind_id for letter in stored}
    assert kinds == {"personal-housing-plan", "s184-prevention-duty"}

    # The PHP letter is the plan given in writing: the tab no longer asks for a copy.
    current = plan_of(store, officer, case.case_id).current
    assert current is not None and current.notified_on is not None
    qtbot.waitUntil(lambda: "Give the applicant a written copy" not in php.notice.text())
