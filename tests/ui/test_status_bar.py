"""The status bar's sync figures: online or offline, changes to send, last sync, conflicts."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hoclient.models import HousingCase
from hoclient.server.central import Central
from hoclient.services.sync_runs import SyncProblem
from hoclient.ui.main_window import MainWindow
from tests.services.sync_helpers import Unreachable
from tests.sync.asgi import InProcessTransport
from tests.sync.conftest import Laptops
from tests.ui.conftest import OpenApp
from tests.ui.sync_helpers import app_on, record_in_app, sync_and_wait

TO_SEND = re.compile(r"^(\d+) changes? to send$")


def changes_to_send(window: MainWindow) -> int:
    text = window.status.pending_label.text()
    if text == "All changes sent":
        return 0
    found = TO_SEND.match(text)
    assert found, text
    return int(found.group(1))


def test_changes_to_send_rise_with_an_edit_and_fall_when_a_sync_sends_them(
    qtbot: QtBot,
    open_app: OpenApp,
    laptops: Laptops,
    central: Central,
    centre_transport: InProcessTransport,
) -> None:
    laptops.officer("grace")
    window = app_on(open_app, laptops.enrolled("grace"), centre_transport)
    status = window.status
    qtbot.waitUntil(lambda: status.pending_label.text() == "All changes sent")
    assert status.contact_label.text() == "Not in contact yet"
    assert status.last_sync_label.text().startswith("Last sync ")  # enrolment synced

    case = record_in_app(qtbot, window)
    qtbot.waitUntil(lambda: changes_to_send(window) > 0)

    sync_and_wait(qtbot, window)
    qtbot.waitUntil(lambda: status.pending_label.text() == "All changes sent")
    assert status.contact_label.text() == "Online"
    assert status.conflicts_button.text() == "No conflicts"
    with central.read() as connection:
        at_centre = connection.scalar(
            select(func.count())
            .select_from(HousingCase)
            .where(HousingCase.reference == case.reference)
        )
    assert at_centre == 1


def test_a_sync_that_cannot_reach_the_centre_shows_offline_and_keeps_every_change(
    qtbot: QtBot,
    open_app: OpenApp,
    laptops: Laptops,
    centre_transport: InProcessTransport,
) -> None:
    laptops.officer("grace")
    window = app_on(open_app, laptops.enrolled("grace"), Unreachable())
    record_in_app(qtbot, window)
    qtbot.waitUntil(lambda: changes_to_send(window) > 0)
    waiting = changes_to_send(window)

    ended_with = sync_and_wait(qtbot, window)
    assert isinstance(ended_with, SyncProblem)
    qtbot.waitUntil(lambda: window.status.contact_label.text() == "Offline")
    assert "Cannot reach the sync service" in window.status.contact_label.toolTip()
    [told] = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert told.text().startswith("Cannot reach the sync service"), "F5 asked: it is told"
    told.accept()
    assert changes_to_send(window) == waiting

    window.sync.transport = centre_transport  # back on the network: the next sync sends all
    sync_and_wait(qtbot, window)
    qtbot.waitUntil(lambda: window.status.pending_label.text() == "All changes sent")
    assert window.status.contact_label.text() == "Online"


def test_a_laptop_not_enrolled_says_so_rather_than_offline(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    status = main_window.status
    assert status.contact_label.text() == "Not connected to a central service"
    for figure in (status.pending_label, status.last_sync_label, status.conflicts_button):
        assert not figure.isVisible()
    qtbot.keyClick(main_window, Qt.Key.Key_F5)
    assert not main_window.sync.running
    assert "not connected to a central service" in main_window.statusBar().currentMessage()
