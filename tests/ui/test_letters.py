"""Letters in the app, as an officer uses them: issue the letter a decision offers from the
Duties tab, read the preview, see it on the Letters tab, open it exactly as issued.

The case is approached on 2 November 2026; the app's today is 25 November 2026.
"""

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.case_window import TAB_NAMES, CaseWindow
from hoclient.ui.issue_letter_dialog import CHOOSE_DELIVERY, IssueLetterDialog
from hoclient.ui.main_window import MainWindow
from hoclient.vocabulary import LetterDelivery
from tests.services.duty_helpers import decide
from tests.ui.helpers import click, record_case

APPROACHED_ON = date(2026, 11, 2)


@pytest.fixture
def case(store: Store, officer: OfficerView) -> CaseView:
    made = record_case(store, officer, approached_on=APPROACHED_ON)
    decide(store, officer, made.case_id, "application", APPROACHED_ON)
    decide(store, officer, made.case_id, "prevention_duty_accepted", date(2026, 11, 3))
    return made


def open_case(qtbot: QtBot, window: MainWindow, case_id: uuid.UUID) -> CaseWindow:
    opened = window.open_case_duties(case_id)
    assert opened is not None
    qtbot.waitUntil(opened.isActiveWindow)
    return opened


def select_decision(window: CaseWindow, label_starts: str) -> None:
    tab = window.duties_tab
    model = tab.timeline_model
    rows = [r for r in range(model.rowCount()) if model.rows()[r].label.startswith(label_starts)]
    assert rows, [row.label for row in model.rows()]
    tab.timeline_view.selectRow(rows[0])


def issue_dialog(qtbot: QtBot, window: CaseWindow) -> IssueLetterDialog:
    dialog = window.letters_tab.issue_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_decisions_letter_is_issued_from_the_duties_tab_and_listed_on_the_letters_tab(
    qtbot: QtBot, main_window: MainWindow, case: CaseView, qtmodeltester: ModelTester
) -> None:
    window = open_case(qtbot, main_window, case.case_id)
    tab = window.duties_tab
    select_decision(window, "Application")
    assert not tab.issue_letter_button.isEnabled(), "an application has no decision letter"
    select_decision(window, "Prevention duty")
    assert tab.issue_letter_button.isEnabled()

    click(qtbot, tab.issue_letter_button)
    dialog = issue_dialog(qtbot, window)
    assert window.tabs.currentWidget() is window.letters_tab
    qtbot.waitUntil(lambda: len(dialog.pages.page_labels) >= 1, timeout=10_000)
    chosen = dialog.chosen()
    assert chosen is not None and chosen.kind_id == "s184-prevention-duty"
    assert chosen.code in dialog.letter.currentText()

    with qtbot.waitSignal(dialog.preview_shown, timeout=10_000):
        dialog.large_print.setChecked(True)  # 16 pt: the letter runs to more pages
    assert len(dialog.pages.page_labels) >= 3

    click(qtbot, dialog.issue_button)
    assert dialog.delivery_problem.text() == CHOOSE_DELIVERY and dialog.isVisible()
    dialog.delivery.setCurrentIndex(dialog.delivery.findData(LetterDelivery.HANDED_OVER))
    with qtbot.waitSignal(dialog.issued, timeout=10_000) as issued:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert issued.args[0].kind_id == "s184-prevention-duty"

    letters = window.letters_tab.model
    qtbot.waitUntil(lambda: letters.rowCount() == 1)
    qtmodeltester.check(letters)
    row = [letters.data(letters.index(0, column)) for column in range(letters.columnCount())]
    assert row[1:] == [
        "Decision: we owe you the prevention duty",
        "Handed over",
        main_window.context.officer.display_name,
        "Large print",
    ]

    letters_tab = window.letters_tab
    letters_tab.view.setFocus()
    letters_tab.view.selectRow(0)
    with qtbot.waitSignal(letters_tab.letter_opened, timeout=10_000) as opened:
        qtbot.keyClick(letters_tab.view, Qt.Key.Key_Return)
    viewer = opened.args[0]
    assert len(viewer.pages.page_labels) >= 3
    viewer.close()


def test_a_letter_the_case_cannot_have_yet_is_refused_in_the_dialog(
    qtbot: QtBot, main_window: MainWindow, case: CaseView
) -> None:
    window = open_case(qtbot, main_window, case.case_id)
    assert window.tabs.isTabEnabled(TAB_NAMES.index("Letters"))
    window.show_tab(window.letters_tab)
    qtbot.keyClick(
        window.letters_tab,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = issue_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.letter.count() > 0)
    with qtbot.waitSignal(dialog.preview_shown, timeout=10_000):
        dialog.letter.setCurrentIndex(dialog.letter.findText("L3", Qt.MatchFlag.MatchStartsWith))
    assert dialog.refusal.text() == "Agree a plan first (PHP tab)."
    assert not dialog.issue_button.isEnabled()
    dialog.reject()
    assert window.letters_tab.model.rowCount() == 0
