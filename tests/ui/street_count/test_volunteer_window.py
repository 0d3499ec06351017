"""Volunteer mode: record three people, correct one, see the tally - and no casework."""

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QListWidget, QMainWindow
from pytestqt.qtbot import QtBot

from hoclient.services.clock import LONDON
from hoclient.services.officers import set_current_officer
from hoclient.services.street_count_entries import load_draft
from hoclient.store.handle import Store
from hoclient.ui.app import open_window
from hoclient.ui.street_count.volunteer_window import VolunteerWindow
from hoclient.vocabulary import AgeBand, Role, Sex, SleepingStatus
from tests.conftest import TODAY
from tests.services.street_count_helpers import officer_with_role, put_on_team, set_up_count


@pytest.fixture
def volunteer_window(qtbot: QtBot, store: Store) -> Iterator[VolunteerWindow]:
    senior = officer_with_role(store, Role.SENIOR, "Senior Coordinator")
    volunteer = officer_with_role(store, Role.VOLUNTEER, "Volunteer One")
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[0], volunteer)
    with store.begin() as session:
        set_current_officer(session, volunteer.id)
    window = open_window(store, today=lambda: TODAY)
    assert isinstance(window, VolunteerWindow), "a volunteer gets the count-only window"
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: window.tally.text() != "")
    yield window
    window.close()


def record_person(
    qtbot: QtBot, window: VolunteerWindow, time: str, street: str, description: str
) -> None:
    form = window.form
    hours, minutes = (int(part) for part in time.split(":"))
    form.seen_time.setTime(QTime(hours, minutes))  # the widget's own setter
    qtbot.keyClicks(form.street, street)
    qtbot.keyClicks(form.description, description)
    before = window.model.rowCount()
    with qtbot.waitSignal(window.entry_saved, timeout=5000):
        qtbot.keyClick(form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.rowCount() == before + 1)


def test_record_three_people_correct_one_and_see_the_tally(
    qtbot: QtBot, volunteer_window: VolunteerWindow
) -> None:
    window = volunteer_window
    assert window.tally.text().startswith("Town centre: 0 people counted")
    record_person(qtbot, window, "01:05", "High Street", "Green sleeping bag")
    assert window.form.street.text() == "", "Record clears the form for the next person"
    qtbot.mouseClick(window.form.sex.buttons[1], Qt.MouseButton.LeftButton)  # Male
    record_person(qtbot, window, "01:15", "Mill Lane", "Blue tent, dog")
    qtbot.mouseClick(window.form.status.buttons[3], Qt.MouseButton.LeftButton)  # not counted
    record_person(qtbot, window, "01:30", "Quay", "Walking, with bags")
    assert window.model.rowCount() == 3
    assert window.tally.text() == "Town centre: 2 people counted\n1 seen, not counted"

    # Correct the newest entry: they were bedded down after all, and a woman of 18 to 25.
    window.entries.selectRow(0)
    qtbot.keyClick(window.entries, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.correcting is not None
    assert window.form.street.text() == "Quay"
    assert "correction" in window.record_button.text()
    qtbot.mouseClick(window.form.status.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.form.sex.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.form.age_band.buttons[1], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.entry_saved, timeout=5000):
        qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: window.tally.text() == "Town centre: 3 people counted\n0 seen, not counted"
    )
    rows = window.model.rows()
    assert len(rows) == 3
    corrected = next(row for row in rows if row.details.street == "Quay")
    assert corrected.versions == 2
    assert (corrected.details.status, corrected.details.sex, corrected.details.age_band) == (
        SleepingStatus.BEDDED_DOWN,
        Sex.FEMALE,
        AgeBand.AGED_18_TO_25,
    )
    window.grab().save("/tmp/street-count-volunteer.png")


def test_a_place_is_needed_and_the_refusal_keeps_what_was_typed(
    qtbot: QtBot, volunteer_window: VolunteerWindow
) -> None:
    window = volunteer_window
    window.form.seen_time.setTime(QTime(1, 0))
    qtbot.keyClicks(window.form.description, "Red coat")
    with qtbot.assertNotEmitted(window.entry_saved, wait=300):
        qtbot.mouseClick(window.record_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.form.problems.isVisible())
    assert "Say where" in window.form.problems.text()
    assert window.form.description.text() == "Red coat"
    qtbot.keyClicks(window.form.street, "Quay")
    qtbot.waitUntil(lambda: not window.form.problems.isVisible())


def test_what_is_typed_is_kept_as_a_draft_and_comes_back(
    qtbot: QtBot, volunteer_window: VolunteerWindow, store: Store
) -> None:
    window = volunteer_window
    qtbot.keyClicks(window.form.street, "Station Road")
    officer = window.context.officer
    qtbot.waitUntil(lambda: load_draft(store, officer).get("street") == "Station Road")
    window.close()
    again = open_window(store, today=lambda: TODAY)
    qtbot.addWidget(again)
    assert isinstance(again, VolunteerWindow)
    assert again.form.street.text() == "Station Road"
    again.close()


def test_the_volunteer_window_shows_nothing_of_casework(
    volunteer_window: VolunteerWindow,
) -> None:
    assert volunteer_window.findChildren(QListWidget) == []  # no navigation
    assert volunteer_window.menuBar().actions() == []
    assert isinstance(volunteer_window, QMainWindow)
    assert "Street count" in volunteer_window.windowTitle()
    now = datetime.now(LONDON)
    assert volunteer_window.form.seen_time.time().hour() == now.hour
