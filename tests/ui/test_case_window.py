"""A case window: its header, its tabs, the household and the notes."""

import uuid
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from hoclient.models import HousingCase
from hoclient.services.case_notes import add_case_note, notes_of
from hoclient.services.changes import Changes
from hoclient.services.households import household_of
from hoclient.services.officers import current_officer
from hoclient.services.store_status import store_counts
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.add_member import AddMemberDialog
from hoclient.ui.case_window import TAB_NAMES, CaseWindow
from hoclient.ui.main_window import MainWindow
from hoclient.ui.notes_tab import CORRECTED_MARK
from hoclient.vocabulary import Relationship, Sex
from tests.conftest import TODAY
from tests.ui.helpers import click, record_case


@pytest.fixture
def case(store: Store, officer: OfficerView) -> CaseView:
    return record_case(store, officer, postcode="SW1A 1AA")


@pytest.fixture
def case_window(qtbot: QtBot, main_window: MainWindow, case: CaseView) -> CaseWindow:
    window = main_window.open_case(case.case_id)
    assert window is not None
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _open_add_member(qtbot: QtBot, window: CaseWindow) -> AddMemberDialog:
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.household_tab.add_member_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_header_shows_the_facts_of_the_approach(
    case_window: CaseWindow, case: CaseView, officer: OfficerView
) -> None:
    assert case_window.reference_label.text() == case.reference
    assert case_window.applicant_label.text() == "OKAFOR, Grace"
    assert case_window.status_label.text() == "Open"
    assert case_window.approach_label.text() == "02 Nov 2026, in person"
    assert case_window.referral_label.text() == "Not a referral"
    assert case_window.address_label.text() == "SW1A 1AA"
    assert case_window.accommodation_label.text() == "Living with family"
    assert case_window.officer_label.text() == f"{officer.display_name}, Housing Options"
    assert case.reference in case_window.windowTitle()


def test_the_tabs_are_in_order_and_only_the_built_ones_work(
    case_window: CaseWindow,
) -> None:
    tabs = case_window.tabs
    assert [tabs.tabText(index) for index in range(tabs.count())] == list(TAB_NAMES)
    for index, name in enumerate(TAB_NAMES):
        working = name in ("Household", "Assessment", "Duties", "PHP", "Notes", "Letters")
        assert tabs.isTabEnabled(index) == working, name
        if not working:
            assert tabs.tabToolTip(index) == "Not built yet"


def test_opening_an_open_case_again_brings_back_the_same_window(
    main_window: MainWindow, case_window: CaseWindow, case: CaseView
) -> None:
    assert main_window.open_case(case.case_id) is case_window
    assert len(main_window.case_windows) == 1


@pytest.mark.parametrize("key", [Qt.Key.Key_W, Qt.Key.Key_Escape])
def test_ctrl_w_or_escape_closes_the_case_window(
    qtbot: QtBot, main_window: MainWindow, case_window: CaseWindow, key: Qt.Key
) -> None:
    modifier = (
        Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_W
        else Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClick(case_window, key, modifier)
    qtbot.waitUntil(lambda: main_window.case_windows == {})


def test_a_member_added_through_the_dialog_joins_the_household(
    qtbot: QtBot, case_window: CaseWindow, store: Store, case: CaseView
) -> None:
    dialog = _open_add_member(qtbot, case_window)
    assert case_window.tabs.currentWidget() is case_window.household_tab
    qtbot.keyClicks(dialog.family_name, "Okafor")
    qtbot.keyClicks(dialog.given_names, "Daniel")
    dialog.date_of_birth.setDate(QDate(2018, 6, 1))
    dialog.sex.setCurrentIndex(dialog.sex.findData(Sex.MALE))
    dialog.relationship.setCurrentIndex(dialog.relationship.findData(Relationship.CHILD))
    dialog.dependent_child.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click(qtbot, dialog.save_button)
    model = case_window.household_tab.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    row = [model.data(model.index(1, column)) for column in range(model.columnCount())]
    assert row == ["OKAFOR, Daniel", "01 Jun 2018", "8", "Male", "Child", "Yes", "Yes", "No"]
    assert case_window.household_tab.summary.text() == "2 people in the household"
    assert len(household_of(store, current_officer(store), case.case_id, today=TODAY)) == 2


def test_alt_a_on_the_household_tab_opens_add_member(qtbot: QtBot, case_window: CaseWindow) -> None:
    qtbot.keyClick(case_window, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: case_window.household_tab.add_member_dialog is not None)


def test_the_member_dialog_checks_as_the_officer_types_and_saves_nothing_wrong(
    qtbot: QtBot, case_window: CaseWindow, store: Store
) -> None:
    dialog = _open_add_member(qtbot, case_window)
    assert dialog.relationship.findData(Relationship.APPLICANT) == -1, "one applicant only"
    assert dialog.normally_resides.isChecked()
    qtbot.keyClicks(dialog.family_name, "Okafor")
    qtbot.keyClicks(dialog.given_names, "Ada")
    dialog.date_of_birth.setDate(QDate(2000, 1, 1))
    dialog.dependent_child.setChecked(True)
    assert not dialog.expected_due_on.isEnabled()
    with qtbot.assertNotEmitted(dialog.saved, wait=200):
        click(qtbot, dialog.save_button)
    shown = dialog.messages.shown()
    assert shown["relationship"] == "Choose how this person is related to the applicant."
    assert shown["dependent_child"].startswith("A dependent child is under")
    assert store_counts(store).persons == 1


def test_a_refusal_from_the_household_rules_is_shown_on_the_field(
    qtbot: QtBot, case_window: CaseWindow, store: Store
) -> None:
    # The applicant again: the duplicate check offers her, and the household refuses her twice.
    dialog = _open_add_member(qtbot, case_window)
    qtbot.keyClicks(dialog.family_name, "Okafor")
    qtbot.keyClicks(dialog.given_names, "Grace")
    dialog.date_of_birth.setDate(QDate(1990, 3, 2))
    dialog.relationship.setCurrentIndex(dialog.relationship.findData(Relationship.SIBLING))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.duplicate_dialog is not None)
    assert dialog.duplicate_dialog is not None
    click(qtbot, dialog.duplicate_dialog.use_button)
    qtbot.waitUntil(lambda: "family_name" in dialog.messages.shown())
    assert dialog.messages.shown()["family_name"] == "This person is already in the household."
    assert dialog.isVisible()
    assert store_counts(store).persons == 1


def test_a_note_added_with_ctrl_return_shows_newest_first(
    qtbot: QtBot, case_window: CaseWindow, store: Store, case: CaseView, officer: OfficerView
) -> None:
    add_case_note(store, officer, case.case_id, "First visit booked.")
    case_window.notes_tab.reload()
    case_window.show_tab(case_window.notes_tab)
    notes = case_window.notes_tab
    notes.note_text.setFocus()
    qtbot.keyClicks(notes.note_text, "Grace called: the landlord has served a section 21 notice.")
    with qtbot.waitSignal(notes.note_added, timeout=5000):
        qtbot.keyClick(notes.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: notes.model.rowCount() == 2)
    model = notes.model
    assert model.data(model.index(0, 2)).startswith("Grace called")
    assert model.data(model.index(0, 1)) == officer.display_name
    assert model.data(model.index(1, 2)) == "First visit booked."
    assert notes.note_text.toPlainText() == ""
    assert notes.summary.text() == "2 notes, newest first"


def test_a_blank_note_is_refused_with_a_plain_message(
    qtbot: QtBot, case_window: CaseWindow, store: Store, case: CaseView
) -> None:
    notes = case_window.notes_tab
    case_window.show_tab(notes)
    qtbot.keyClicks(notes.note_text, "   ")
    with qtbot.assertNotEmitted(notes.note_added, wait=200):
        click(qtbot, notes.add_note_button)
    assert notes.note_problem.text() == "Write the note before saving it."
    assert notes.note_problem.isVisible()
    assert notes_of(store, current_officer(store), case.case_id) == []


def test_correcting_a_note_adds_a_new_one_and_marks_the_old(
    qtbot: QtBot, case_window: CaseWindow, store: Store, case: CaseView, officer: OfficerView
) -> None:
    wrong = add_case_note(store, officer, case.case_id, "Visit on Tuesday.")
    notes = case_window.notes_tab
    notes.reload()
    case_window.show_tab(notes)
    assert not notes.correct_note_button.isEnabled()
    notes.view.selectRow(0)
    click(qtbot, notes.correct_note_button)
    assert notes.note_text.toPlainText() == "Visit on Tuesday."
    assert notes.correcting_label.isVisible()
    notes.note_text.setPlainText("Visit on Wednesday.")
    with qtbot.waitSignal(notes.note_added, timeout=5000):
        click(qtbot, notes.add_note_button)
    qtbot.waitUntil(lambda: notes.model.rowCount() == 2)
    model = notes.model
    newest, oldest = model.data(model.index(0, 2)), model.data(model.index(1, 2))
    written = model.data(model.index(1, 0))
    assert newest == f"Corrects the note of {written}\nVisit on Wednesday."
    assert oldest == f"{CORRECTED_MARK}\nVisit on Tuesday."
    saved = notes_of(store, officer, case.case_id)
    assert [n.text for n in saved] == ["Visit on Wednesday.", "Visit on Tuesday."]
    assert saved[0].corrects_note_id == wrong.note_id, "a new note; the old one is untouched"
    assert not notes.correcting_label.isVisible()


def test_a_note_typed_but_not_saved_is_there_when_the_case_opens_again(
    qtbot: QtBot, main_window: MainWindow, case_window: CaseWindow, case: CaseView
) -> None:
    qtbot.keyClicks(case_window.notes_tab.note_text, "Half a thought")
    case_window.close()
    qtbot.waitUntil(lambda: main_window.case_windows == {})
    reopened = main_window.open_case(case.case_id)
    assert reopened is not None
    assert reopened.notes_tab.note_text.toPlainText() == "Half a thought"


def test_a_case_that_is_not_on_this_laptop_says_so(qtbot: QtBot, main_window: MainWindow) -> None:
    assert main_window.open_case(uuid.uuid4()) is None
    boxes = main_window.findChildren(QMessageBox)
    assert [box.text() for box in boxes] == ["That case is not on this laptop."]
    for box in boxes:
        box.close()


def test_the_case_window_follows_changes_to_its_own_case_only(
    qtbot: QtBot, case_window: CaseWindow, store: Store, case: CaseView, officer: OfficerView
) -> None:
    other = record_case(store, officer, "Nowak", "Piotr", born_on=date(1985, 1, 1))
    add_case_note(store, officer, other.case_id, "Not this case.")
    case_window.context.changed.emit(Changes(notes=True, case_id=other.case_id))
    assert case_window.notes_tab.model.rowCount() == 0
    add_case_note(store, officer, case.case_id, "This case.")
    case_window.context.changed.emit(Changes(notes=True, case_id=case.case_id))
    assert case_window.notes_tab.model.rowCount() == 1


def test_ctrl_n_in_a_case_window_opens_new_approach(
    qtbot: QtBot, main_window: MainWindow, case_window: CaseWindow
) -> None:
    qtbot.keyClick(case_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert main_window.new_approach_form is not None


def test_a_case_that_leaves_the_laptop_closes_its_window_and_says_why(
    qtbot: QtBot, main_window: MainWindow, case_window: CaseWindow, store: Store, case: CaseView
) -> None:
    with store.begin() as session:  # as sync will, when a case moves out of scope
        session.execute(
            update(HousingCase)
            .where(HousingCase.id == case.case_id)
            .values(deleted_at=datetime.now(UTC))
        )
    main_window.context.changed.emit(Changes(cases=True, case_id=case.case_id))
    qtbot.waitUntil(lambda: main_window.case_windows == {})
    boxes = main_window.findChildren(QMessageBox)
    assert [box.text() for box in boxes] == ["That case is not on this laptop."]
    for box in boxes:
        box.close()
