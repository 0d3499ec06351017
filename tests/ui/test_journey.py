"""The whole of issue 3 as an officer lives it, by keyboard, across a restart of the app."""

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hoclient.services.store_status import store_counts
from hoclient.store.handle import open_store
from hoclient.ui.case_window import CaseWindow
from hoclient.ui.main_window import MainWindow
from hoclient.vocabulary import AccommodationAtApproach, ApproachMethod, Relationship, Sex
from tests.ui.conftest import OpenApp


def _wait_active(qtbot: QtBot, window: object) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_an_officer_records_an_approach_finds_it_adds_a_member_and_a_note_and_finds_them_after_a_restart(  # noqa: E501
    qtbot: QtBot, open_app: OpenApp, store_path: Path
) -> None:
    store = open_store(store_path)
    window: MainWindow = open_app(store)
    assert window.caseload_view.model().rowCount() == 0

    # Ctrl+N: the form, typed into.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.new_approach_form
    assert form is not None
    _wait_active(qtbot, form)
    qtbot.keyClicks(form.family_name, "Okafor")
    qtbot.keyClicks(form.given_names, "Grace Adaeze")
    qtbot.keyClicks(form.date_of_birth, "02/03/1990")
    form.sex.setCurrentIndex(form.sex.findData(Sex.FEMALE))
    qtbot.keyClicks(form.ni_number, "AB 12 34 56 C")
    qtbot.keyClicks(form.phone, "07700 900123")
    form.approached_on.setDate(QDate(2026, 11, 24))
    form.approach_method.setCurrentIndex(form.approach_method.findData(ApproachMethod.PHONE))
    qtbot.keyClicks(form.address_line_1, "12 Acacia Avenue")
    qtbot.keyClicks(form.town, "Leeds")
    qtbot.keyClicks(form.postcode, "ls1 4ap")
    form.accommodation_at_approach.setCurrentIndex(
        form.accommodation_at_approach.findData(AccommodationAtApproach.PRIVATE_RENTED_HMO)
    )
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        qtbot.keyClick(form.family_name, Qt.Key.Key_Return)  # Enter presses Save
    case = saved.args[0]
    assert case.address == "12 Acacia Avenue, Leeds, LS1 4AP"

    # The case opened by itself; close it, and see the case in My caseload.
    opened = window.case_windows[case.case_id]
    _wait_active(qtbot, opened)
    qtbot.keyClick(opened, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.case_windows == {})
    caseload = window.caseload_view.model()
    assert caseload.rowCount() == 1
    assert caseload.data(caseload.index(0, 1)) == "OKAFOR, Grace Adaeze"
    assert caseload.data(caseload.index(0, 0)) == case.reference
    qtbot.waitUntil(lambda: window.caseload_page.count_label.text() == "1 case")

    # Ctrl+F, a partial surname, Enter: the case window.
    _wait_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.search_page.results_shown, timeout=5000):
        qtbot.keyClicks(window.search_box, "oka")
    results = window.search_page.model
    assert results.data(results.index(0, 0)) == "OKAFOR, Grace Adaeze"
    assert window.search_page.summary.text() == "Searching by name — 1 result"
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    case_window: CaseWindow = window.case_windows[case.case_id]
    _wait_active(qtbot, case_window)

    # Ctrl+Shift+M: a member of the household.
    qtbot.keyClick(
        case_window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = case_window.household_tab.add_member_dialog
    assert dialog is not None
    _wait_active(qtbot, dialog)
    qtbot.keyClicks(dialog.family_name, "Okafor")
    qtbot.keyClicks(dialog.given_names, "Daniel")
    qtbot.keyClicks(dialog.date_of_birth, "01/06/2018")
    dialog.relationship.setCurrentIndex(dialog.relationship.findData(Relationship.CHILD))
    dialog.dependent_child.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.keyClick(dialog.given_names, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: case_window.household_tab.model.rowCount() == 2)
    _wait_active(qtbot, case_window)  # the keyboard is back in the case window

    # The Notes tab: a note, saved with Ctrl+Return.
    case_window.show_tab(case_window.notes_tab)
    notes = case_window.notes_tab
    notes.note_text.setFocus()
    qtbot.keyClicks(notes.note_text, "Phoned: section 21 notice served, ends 31 January.")
    with qtbot.waitSignal(notes.note_added, timeout=5000):
        qtbot.keyClick(notes.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: notes.model.rowCount() == 1)
    qtbot.waitUntil(
        lambda: window.status.counts_label.text() == "2 people · 1 case (1 open) · 1 note"
    )

    # Close the case window and the app; open the app again on the same file.
    qtbot.keyClick(case_window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.case_windows == {})
    window.close()
    store.close()

    store = open_store(store_path)
    try:
        again = open_app(store)
        caseload = again.caseload_view.model()
        assert caseload.data(caseload.index(0, 0)) == case.reference
        assert caseload.data(caseload.index(0, 5)) == "2", "household of two"
        again.caseload_view.setFocus()
        again.caseload_view.setCurrentIndex(caseload.index(0, 0))
        qtbot.keyClick(again.caseload_view, Qt.Key.Key_Return)
        reopened = again.case_windows[case.case_id]
        members = reopened.household_tab.model
        assert [members.data(members.index(row, 0)) for row in range(2)] == [
            "OKAFOR, Grace Adaeze",
            "OKAFOR, Daniel",
        ]
        note = reopened.notes_tab.model
        assert note.data(note.index(0, 2)) == "Phoned: section 21 notice served, ends 31 January."
        counts = store_counts(store)
        assert (counts.persons, counts.cases, counts.notes) == (2, 1, 1)
    finally:
        again.close()
        store.close()
