"""Sign in, walk away, come back: the windows lock and keep what was typed (issue 7, 2 and 5)."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hoclient.services.sign_in import remember_for_offline_sign_in
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.app import run_app, start_session
from hoclient.ui.idle_lock import LOCKED_TITLE, LockCover
from hoclient.ui.main_window import MainWindow
from hoclient.ui.sign_in_dialog import NOBODY_ENROLLED, SignInDialog
from tests.conftest import TODAY
from tests.services.helpers import approach_for, record

PASSWORD = "blue kettle on the hob"
HALF_TYPED = "Visited at 10. Landlord says the s21 notice was"


@pytest.fixture
def enrolled(store: Store, officer: OfficerView) -> OfficerView:
    remember_for_offline_sign_in(store, officer.id, "a.okafor", PASSWORD)
    return officer


def _sign_in(qtbot: QtBot, store: Store, password: str = PASSWORD) -> SignInDialog:
    dialog = SignInDialog(store, username="a.okafor")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)  # the default button: Sign in
    return dialog


def test_a_wrong_password_is_refused_in_the_dialog(
    qtbot: QtBot, store: Store, enrolled: OfficerView
) -> None:
    dialog = _sign_in(qtbot, store, "not my password")
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    assert "4 tries left" in dialog.message.text()
    assert dialog.officer is None
    assert dialog.password.text() == ""  # ready for another go
    assert dialog.isVisible()


def test_sign_in_then_idle_locks_every_window_and_unlocking_keeps_the_half_typed_note(
    qtbot: QtBot, store: Store, enrolled: OfficerView
) -> None:
    case = record(store, enrolled, approach_for())
    dialog = _sign_in(qtbot, store)
    qtbot.waitUntil(lambda: dialog.officer is not None, timeout=10_000)
    assert dialog.officer == enrolled

    window = start_session(store, enrolled, idle_after=timedelta(seconds=1), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    case_window = window.open_case(case.case_id)
    assert case_window is not None and window.idle_lock is not None
    case_window.show_tab(case_window.notes_tab)
    notes = case_window.notes_tab.note_text
    notes.setFocus()
    qtbot.keyClicks(notes, HALF_TYPED)

    with qtbot.waitSignal(window.idle_lock.locked_changed, timeout=10_000) as locked:
        pass  # the officer walks away
    assert locked.args == [True]
    for each in (window, case_window):
        cover = each.findChild(LockCover)
        assert cover is not None and cover.isVisible()
        assert cover.geometry() == each.rect()  # over menus, tabs and status bar alike
        assert each.windowTitle() == LOCKED_TITLE  # the case window's title names the applicant
    qtbot.keyClicks(notes, " typed by someone else")  # keys meant for the note go nowhere
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # no shortcuts
    assert notes.toPlainText() == HALF_TYPED
    assert window.new_approach_form is None

    cover = case_window.findChild(LockCover)
    assert cover is not None
    qtbot.keyClicks(cover.password, "a guess")
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    qtbot.waitUntil(cover.message.isVisible, timeout=10_000)
    assert "4 tries left" in cover.message.text()
    assert window.idle_lock.locked

    qtbot.keyClicks(cover.password, PASSWORD)
    with qtbot.waitSignal(window.idle_lock.locked_changed, timeout=10_000) as unlocked:
        qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert unlocked.args == [False]
    assert notes.toPlainText() == HALF_TYPED
    assert case_window.windowTitle() != LOCKED_TITLE
    qtbot.waitUntil(lambda: not window.findChildren(LockCover), timeout=5_000)
    window.close()


def test_run_app_signs_in_first_then_shows_the_main_window(
    qtbot: QtBot, store: Store, enrolled: OfficerView
) -> None:
    seen: list[MainWindow] = []

    def act() -> None:
        for widget in QApplication.topLevelWidgets():
            # Once: the password stays in the field while the check runs in the background.
            if (
                isinstance(widget, SignInDialog)
                and widget.isVisible()
                and not widget.password.text()
            ):
                widget.password.setText(PASSWORD)
                widget.submit()
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget)
                widget.quit_action.trigger()
                return
        QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)
    assert run_app(store) == 0
    assert len(seen) == 1
    assert seen[0].context.officer == enrolled
    assert seen[0].idle_lock is not None


def test_with_no_verifier_nobody_gets_in_and_the_dialog_offers_to_enrol(
    qtbot: QtBot, store: Store
) -> None:
    said: list[str] = []

    def look_then_quit() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, SignInDialog) and widget.isVisible():
                said.append(widget.message.text())
                widget.password.setText("anything at all")
                widget.username.setText("anyone")
                widget.reject()
                return
        QTimer.singleShot(20, look_then_quit)

    QTimer.singleShot(0, look_then_quit)
    assert run_app(store) == 0  # quit from the sign-in dialog: no window opened
    assert said == [NOBODY_ENROLLED]
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_a_window_that_opens_while_locked_is_covered_too(
    qtbot: QtBot, store: Store, enrolled: OfficerView
) -> None:
    window = start_session(store, enrolled, idle_after=timedelta(hours=1), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    assert window.idle_lock is not None and not window.idle_lock.locked
    window.idle_lock.screen_saver_changed(True)  # what the desktop's screen lock calls
    assert window.idle_lock.locked

    box = QMessageBox(QMessageBox.Icon.Warning, "Not saved", "Grace Okafor's note was not saved.")
    qtbot.addWidget(box)
    box.show()  # say, a save that failed in the background
    qtbot.waitUntil(lambda: box.findChild(LockCover) is not None, timeout=5_000)
    assert box.windowTitle() == LOCKED_TITLE
    window.idle_lock.unlock()
    assert box.windowTitle() == "Not saved"
    window.close()
