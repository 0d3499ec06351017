"""A letter that states what the case does not record: the relevant warning (s193B(4)-(5)).

The issue dialog shows the step, the date to take it by and the help offered only for that
letter, checks them as the officer types, and issues the letter with them. The app's today is
25 November 2026.
"""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hoclient.services.letters import issued_letter_pdf
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.issue_letter_dialog import GIVE_THE_FACTS, IssueLetterDialog
from hoclient.ui.main_window import MainWindow
from hoclient.vocabulary import LetterDelivery
from tests.letters.test_letter_content import needs_poppler, pdf_text
from tests.services.duty_helpers import decide
from tests.ui.helpers import record_case

APPROACHED_ON = date(2026, 11, 2)
STEP = "Register with three letting agents"


@needs_poppler
def test_a_relevant_warning_asks_for_its_step_and_is_issued_with_it(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    case = record_case(store, officer, approached_on=APPROACHED_ON)
    decide(store, officer, case.case_id, "application", APPROACHED_ON)
    decide(store, officer, case.case_id, "prevention_duty_accepted", date(2026, 11, 3))
    decide(store, officer, case.case_id, "relevant_warning", date(2026, 11, 24))
    dialog = IssueLetterDialog(main_window.context, case.case_id, kind_id="relevant-warning")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_shown, timeout=10_000):
        dialog.show()
    form = dialog.facts_form
    assert form.isVisible() and form.warning_step.isVisible()
    assert not form.placement_address.isVisible() and not form.other_council.isVisible()
    assert dialog.refusal.text() == GIVE_THE_FACTS and not dialog.issue_button.isEnabled()

    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Step &not taken
    assert QApplication.focusWidget() is form.warning_step
    qtbot.keyClicks(form.warning_step, STEP)
    qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Take it by
    assert QApplication.focusWidget() is form.warning_take_by
    qtbot.keyClicks(form.warning_take_by, "25/11/2026")  # today: no time to take the step
    assert "reasonable period" in form.messages.shown()["warning_take_by"]
    form.warning_take_by.clear()
    qtbot.keyClicks(form.warning_take_by, "9/12/2026")
    assert "warning_take_by" not in form.messages.shown()
    with qtbot.waitSignal(dialog.preview_shown, timeout=10_000):
        qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Help &offered
        qtbot.keyClicks(form.warning_support, "We will go through the forms with you.")
    assert not dialog.refusal.isVisible() and dialog.issue_button.isEnabled()
    assert dialog.pages.page_labels

    dialog.delivery.setCurrentIndex(dialog.delivery.findData(LetterDelivery.POSTED))
    with qtbot.waitSignal(dialog.issued, timeout=10_000) as issued:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    letter = issued.args[0]
    assert letter.kind_id == "relevant-warning"
    words = pdf_text(issued_letter_pdf(store, officer, letter.letter_id), tmp_path)
    assert STEP in words and "take this step by 9 December 2026" in words
    assert "We will go through the forms with you." in words


def test_most_letters_ask_for_nothing_more(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    case = record_case(store, officer, approached_on=APPROACHED_ON)
    decide(store, officer, case.case_id, "application", APPROACHED_ON)
    decide(store, officer, case.case_id, "prevention_duty_accepted", date(2026, 11, 3))
    dialog = IssueLetterDialog(main_window.context, case.case_id, kind_id="s184-prevention-duty")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.preview_shown, timeout=10_000):
        dialog.show()
    assert not dialog.facts_form.isVisible() and dialog.issue_button.isEnabled()
