"""Enrolling a laptop from the app's sign-in dialog, then signing in with no signal."""

from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import httpx
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from hoclient.services.sign_in import can_anyone_sign_in, sign_in
from hoclient.store.handle import Store, open_store
from hoclient.ui.enrol_dialog import EnrolDialog
from hoclient.ui.sign_in_dialog import SignInDialog
from tests.sync.conftest import PASSWORD, Laptops


def _new_laptop(qtbot: QtBot, store: Store, client: httpx.Client) -> SignInDialog:
    dialog = SignInDialog(store, anyone_enrolled=False, client_for=lambda _url: nullcontext(client))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _enrol(dialog: SignInDialog, password: str, then: Callable[[EnrolDialog], None]) -> None:
    """Press Enrol this laptop, fill in the enrol dialog when it shows, then `then` it."""

    def fill_in() -> None:
        enrol = dialog.findChild(EnrolDialog)
        if enrol is None or not enrol.isVisible():
            QTimer.singleShot(10, fill_in)
            return
        enrol.server.setText("http://testserver")
        enrol.username.setText("a.okafor")
        enrol.password.setText(password)
        enrol.submit()
        then(enrol)

    QTimer.singleShot(0, fill_in)
    dialog.enrol_button.click()  # runs the enrol dialog until it closes


def test_a_new_laptop_enrols_from_the_sign_in_dialog_and_then_signs_in_offline(
    qtbot: QtBot, laptops: Laptops, client: httpx.Client, tmp_path: Path
) -> None:
    laptops.officer("a.okafor")
    store = open_store(tmp_path / "new-laptop.sqlite")
    try:
        dialog = _new_laptop(qtbot, store, client)
        _enrol(dialog, PASSWORD, then=lambda _enrol: None)  # it closes itself on success
        qtbot.waitUntil(lambda: dialog.officer is not None, timeout=20_000)
        assert dialog.officer is not None and dialog.officer.display_name == "a.okafor"
        # Offline from now on: no client at all.
        assert sign_in(store, "a.okafor", PASSWORD).id == dialog.officer.id
    finally:
        store.close()


def test_a_password_the_centre_refuses_is_said_and_nothing_is_kept(
    qtbot: QtBot, laptops: Laptops, client: httpx.Client, tmp_path: Path
) -> None:
    laptops.officer("a.okafor")
    store = open_store(tmp_path / "new-laptop.sqlite")
    refused: list[str] = []

    def read_then_cancel(enrol: EnrolDialog) -> None:
        if enrol.message.isVisible():
            refused.append(enrol.message.text())
            enrol.reject()
        else:
            QTimer.singleShot(20, lambda: read_then_cancel(enrol))

    try:
        dialog = _new_laptop(qtbot, store, client)
        _enrol(dialog, "not the password", then=read_then_cancel)
        assert refused and "password" in refused[0].lower()
        assert dialog.officer is None
        assert not can_anyone_sign_in(store)
    finally:
        store.close()
