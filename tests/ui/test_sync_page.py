"""The Sync page: Sync now, how often, and the Conflicts view from two laptops' edits."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hoclient.models import HousingCase
from hoclient.server.central import Central
from hoclient.services.sync_runs import sync_interval_minutes
from hoclient.ui.main_window import MainWindow
from tests.sync.asgi import InProcessTransport
from tests.sync.conftest import Laptops
from tests.ui.conftest import OpenApp
from tests.ui.helpers import click
from tests.ui.sync_helpers import (
    app_on,
    central_case,
    central_conflicts,
    sync_and_wait,
    two_laptops_in_conflict,
)


def open_sync_page(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.sync_page


def test_a_conflict_from_two_laptops_shows_both_sides_and_keep_theirs_reaches_the_centre(
    qtbot: QtBot,
    open_app: OpenApp,
    laptops: Laptops,
    central: Central,
    centre_transport: InProcessTransport,
) -> None:
    grace, kofi, case = two_laptops_in_conflict(laptops, "town", "Leeds", "York")
    window = app_on(open_app, grace, centre_transport)
    open_sync_page(qtbot, window)
    page = window.sync_page
    assert page.empty_label.isVisible()

    click(qtbot, page.sync_now_button)
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1, timeout=20_000)
    row = [
        page.conflicts.data(page.conflicts.index(0, column))
        for column in range(page.conflicts.columnCount())
    ]
    assert row[:4] == [case.reference, "Case: town", "Leeds", grace.officer.display_name]
    assert row[5:7] == ["York", kofi.officer.display_name]
    assert row[4] and row[7], "when each side changed it"
    qtbot.waitUntil(lambda: window.status.conflicts_button.text() == "1 conflict")
    assert "Leeds" in page.chosen_label.text() and "York" in page.chosen_label.text()
    window.go_to("My caseload")
    click(qtbot, window.status.conflicts_button)  # from anywhere, the bar opens the view
    assert window.pages.currentWidget() is page and page.conflicts_view.hasFocus()

    with qtbot.waitSignal(window.sync.finished, timeout=20_000):  # the resolution syncs
        qtbot.keyClick(page.keep_theirs_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0)
    qtbot.waitUntil(lambda: window.status.conflicts_button.text() == "No conflicts")
    qtbot.waitUntil(lambda: window.status.pending_label.text() == "All changes sent")
    [at_centre] = central_conflicts(central)
    assert at_centre["resolution"] == "theirs" and at_centre["resolved_at"] is not None
    assert central_case(central, case.case_id)["town"] == "York"
    with grace.store.begin() as session:
        assert session.scalar(select(HousingCase.town).where(HousingCase.id == case.case_id)) == (
            "York"
        )


def test_a_typed_value_is_checked_as_the_form_checks_it_and_resolves_the_conflict(
    qtbot: QtBot,
    open_app: OpenApp,
    laptops: Laptops,
    central: Central,
    centre_transport: InProcessTransport,
) -> None:
    grace, _kofi, case = two_laptops_in_conflict(
        laptops, "approached_on", "2026-11-03", "2026-11-04"
    )
    window = app_on(open_app, grace, centre_transport)
    open_sync_page(qtbot, window)
    page = window.sync_page
    sync_and_wait(qtbot, window)
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1)
    assert page.typed_value.text() == "2026-11-03", "the edit starts from my value"

    page.typed_value.selectAll()
    qtbot.keyClicks(page.typed_value, "2027-01-05")
    qtbot.waitUntil(
        lambda: page.typed_problem.text() == "The approach date cannot be in the future."
    )
    assert not page.save_typed_button.isEnabled()
    page.typed_value.clear()
    qtbot.keyClicks(page.typed_value, "2026-11-05")
    qtbot.waitUntil(lambda: page.save_typed_button.isEnabled() and not page.typed_problem.text())

    with qtbot.waitSignal(window.sync.finished, timeout=20_000):
        qtbot.keyClick(page.typed_value, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 0)
    assert str(central_case(central, case.case_id)["approached_on"]) == "2026-11-05"
    assert central_conflicts(central)[0]["resolution"] == "edited"


def test_sync_now_runs_one_sync_at_a_time_and_the_interval_is_kept(
    qtbot: QtBot,
    open_app: OpenApp,
    laptops: Laptops,
    centre_transport: InProcessTransport,
) -> None:
    laptops.officer("grace")
    laptop = laptops.enrolled("grace")
    window = app_on(open_app, laptop, centre_transport)
    open_sync_page(qtbot, window)
    page = window.sync_page
    assert window.sync.timer.isActive() and window.sync.timer.interval() == 5 * 60_000

    with qtbot.waitSignal(window.sync.finished, timeout=20_000):
        assert window.sync.sync_now()
        assert not window.sync.sync_now(), "a second sync waits for the first"
        assert not page.sync_now_button.isEnabled()
    qtbot.waitUntil(page.sync_now_button.isEnabled)
    assert page.contact_label.text().startswith("Online")
    with qtbot.waitSignal(window.sync.finished, timeout=20_000):
        window.sync.timer.timeout.emit()  # the clock's tick syncs in the background

    page.interval.setValue(15)
    page.interval.editingFinished.emit()
    assert window.sync.timer.interval() == 15 * 60_000
    assert sync_interval_minutes(laptop.store) == 15
