"""Starting the app: `hoclient` opens the window, or says plainly why it cannot."""

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hoclient.services.sign_in import remember_for_offline_sign_in
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store, open_store
from hoclient.store.store_key import PLAINTEXT_HEADER
from hoclient.ui.app import run_app, run_app_at
from hoclient.ui.main_window import MainWindow
from hoclient.ui.sign_in_dialog import SignInDialog


def test_with_no_display_it_says_how_to_run_and_exits_1_without_a_traceback(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert run_app(store) == 1
    printed = capsys.readouterr()
    assert printed.out == ""
    assert "xvfb-run hoclient" in printed.err
    assert "QT_QPA_PLATFORM=offscreen" in printed.err
    assert "Traceback" not in printed.err


def test_run_app_shows_the_main_window_and_returns_when_the_officer_quits(
    qtbot: QtBot, store: Store, officer: OfficerView
) -> None:
    remember_for_offline_sign_in(store, officer.id, "officer", "a password for the test")
    seen: list[MainWindow] = []

    def quit_when_shown() -> None:
        for dialog in QApplication.topLevelWidgets():
            if (
                isinstance(dialog, SignInDialog)
                and dialog.isVisible()
                and not dialog.password.text()
            ):
                dialog.password.setText("a password for the test")
                dialog.submit()
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown = [w for w in windows if w.isVisible()]
        if shown:
            seen.extend(shown)
            shown[0].quit_action.trigger()  # File > Quit
        else:
            QTimer.singleShot(10, quit_when_shown)

    QTimer.singleShot(0, quit_when_shown)
    assert run_app(store) == 0
    assert len(seen) == 1
    assert QApplication.applicationName() == "hoclient"
    assert seen[0].windowTitle() == "hoclient — Housing Options"


def test_a_store_that_cannot_be_opened_is_said_in_a_dialog_and_left_alone(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Encrypted with a key this computer's keyring does not hold: as a store from another laptop.
    foreign = tmp_path / "from-another-laptop.sqlite"
    foreign.write_bytes(bytes(range(256)) * 64)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))

    assert run_app_at(foreign) == 1
    assert "not in this computer's keyring" in shown[0]
    assert "not in this computer's keyring" in capsys.readouterr().err
    assert foreign.read_bytes() == bytes(range(256)) * 64


def test_the_app_encrypts_a_store_from_before_encryption_saying_so_while_it_works(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.sqlite"
    open_store(old, dev_plain=True).close()
    titles: list[str] = []
    monkeypatch.setattr(QMessageBox, "show", lambda box: titles.append(box.windowTitle()))

    def quit_at_sign_in() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, SignInDialog)]
        if shown := [d for d in dialogs if d.isVisible()]:
            shown[0].reject()
        else:
            QTimer.singleShot(20, quit_at_sign_in)

    QTimer.singleShot(0, quit_at_sign_in)
    assert run_app_at(old) == 0
    assert titles == ["Encrypting this laptop's store"]
    assert old.read_bytes()[:16] != PLAINTEXT_HEADER
