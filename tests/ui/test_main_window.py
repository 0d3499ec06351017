"""The main window: its places in order, the unbuilt ones plainly disabled, keys for all."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hoclient.services.changes import Changes
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.main_window import MainWindow
from tests.ui.helpers import record_case

PLACES = [
    "My caseload",
    "Deadlines",
    "Search",
    "Street count",
    "Temporary accommodation",
    "Housing register",
    "Reports",
    "Sync",
    "Audit",
]
NOT_BUILT = {
    "Temporary accommodation",
    "Housing register",
    "Reports",
}


def test_the_window_is_titled_and_lists_every_place_in_order(main_window: MainWindow) -> None:
    assert main_window.windowTitle() == "hoclient — Housing Options"
    navigation = main_window.navigation
    assert [navigation.item(row).text() for row in range(navigation.count())] == PLACES
    assert main_window.current_place() == "My caseload"


def test_places_not_built_yet_are_disabled_and_say_so(main_window: MainWindow) -> None:
    navigation = main_window.navigation
    for row, name in enumerate(PLACES):
        item = navigation.item(row)
        enabled = bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
        assert enabled == (name not in NOT_BUILT and name != "Audit"), name
        if name in NOT_BUILT:
            assert item.toolTip() == "Not built yet"
            assert not main_window.go_actions[name].isEnabled()


def test_an_officer_sees_the_audit_place_closed_to_their_role(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    item = main_window.navigation.item(PLACES.index("Audit"))
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert item.toolTip() == "Your role does not include this."
    assert main_window.audit_page is None
    qtbot.keyClick(main_window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_place() == "My caseload"


def test_ctrl_3_and_ctrl_f_go_to_search_with_the_box_ready_to_type_in(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_place() == "Search"
    assert main_window.pages.currentWidget() is main_window.search_page
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_place() == "My caseload"
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_place() == "Search"
    assert QApplication.focusWidget() is main_window.search_box


def test_a_key_for_a_place_not_built_leaves_the_page_as_it_was(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_place() == "My caseload"
    main_window.go_to("Temporary accommodation")
    assert main_window.pages.currentWidget() is main_window.caseload_page
    assert "not built yet" in main_window.statusBar().currentMessage()


def test_ctrl_n_opens_one_new_approach_form(qtbot: QtBot, main_window: MainWindow) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = main_window.new_approach_form
    assert form is not None and form.isVisible()
    main_window.open_new_approach()
    assert main_window.new_approach_form is form, "a second Ctrl+N finds the open form"
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: main_window.new_approach_form is None)


def test_the_status_bar_shows_the_store_the_officer_and_what_the_store_holds(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    status = main_window.status
    assert status.store_label.text() == str(store.path)
    assert officer.display_name in status.officer_label.text()
    qtbot.waitUntil(lambda: status.counts_label.text() == "0 people · 0 cases (0 open) · 0 notes")
    for text in ("online", "offline", "sync"):
        assert text not in status.counts_label.text().lower()


def test_the_status_bar_counts_again_after_a_change(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    case = record_case(store, officer)
    # Written behind the window's back, as sync will: the change signal is what it heeds.
    main_window.context.changed.emit(Changes(cases=True, case_id=case.case_id))
    qtbot.waitUntil(
        lambda: main_window.status.counts_label.text() == "1 person · 1 case (1 open) · 0 notes"
    )


def test_arrowing_down_the_list_skips_places_not_built_and_keeps_the_keyboard_there(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    navigation = main_window.navigation
    navigation.setFocus()
    qtbot.keyClick(navigation, Qt.Key.Key_Down)
    assert main_window.current_place() == "Deadlines"
    qtbot.keyClick(navigation, Qt.Key.Key_Down)
    assert main_window.current_place() == "Search"
    assert main_window.pages.currentWidget() is main_window.search_page
    qtbot.keyClick(navigation, Qt.Key.Key_Down)
    assert main_window.current_place() == "Street count"
    qtbot.keyClick(navigation, Qt.Key.Key_Down)
    assert main_window.current_place() == "Sync", "Temporary accommodation to Reports are not built"
    assert main_window.pages.currentWidget() is main_window.sync_page
    assert navigation.hasFocus()
    qtbot.keyClick(navigation, Qt.Key.Key_Up)
    assert main_window.current_place() == "Street count"


def test_the_main_window_opens_on_a_store_with_the_laptops_officer(
    qtbot: QtBot, store: Store, officer: OfficerView
) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.context.officer == officer
    qtbot.waitUntil(lambda: window.status.counts_label.text().startswith("0 people"))
    window.close()
