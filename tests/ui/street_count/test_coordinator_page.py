"""The Street count page: a coordinator sees every team's entries, settles a duplicate, reads
the totals and exports the return; an officer refers a person to outreach."""

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hoclient.models import StreetCountDuplicate
from hoclient.services.officers import set_current_officer
from hoclient.services.persons import PersonDetails
from hoclient.services.street_count_entries import record_entry
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import OutreachConsent, Role, Sex
from tests.services.street_count_helpers import (
    CountOnLaptop,
    officer_with_role,
    seen,
    set_up_count,
)
from tests.ui.conftest import OpenApp


def count_with_entries(store: Store) -> tuple[OfficerView, CountOnLaptop]:
    senior = officer_with_role(store, Role.SENIOR, "Sam Coordinator")
    count = set_up_count(store, senior)
    town, river = (area.area_id for area in count.areas)
    first = record_entry(store, senior, town, seen(1, 0))
    record_entry(store, senior, town, seen(1, 10, sex=Sex.FEMALE, street="Mill Lane"))
    again = record_entry(store, senior, river, seen(1, 30, consent=OutreachConsent.YES))
    with store.begin() as session:  # as the centre raises it after sync
        session.add(
            StreetCountDuplicate(
                street_count_id=count.count.count_id,
                sighting_id=again.sighting_id,
                other_sighting_id=first.sighting_id,
                entry_id=again.entry_id,
                other_entry_id=first.entry_id,
                reason="Seen 30 minutes apart by Team A and Team B, with a similar description.",
            )
        )
    return senior, count


def test_a_coordinator_settles_a_duplicate_sees_the_totals_and_exports_the_return(
    qtbot: QtBot, open_app: OpenApp, store: Store, tmp_path: Path
) -> None:
    senior, _count = count_with_entries(store)
    with store.begin() as session:
        set_current_officer(session, senior.id)
    window = open_app(store)
    page = window.street_count_page
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_place() == "Street count"
    qtbot.waitUntil(lambda: page.entries_model.rowCount() == 3)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "&Entries",
        "&Duplicates",
        "&Totals",
        "&Set-up",
    ]
    assert page.totals_model.rows()[0].number == 3
    page.tabs.setCurrentIndex(1)
    assert page.duplicates_model.rowCount() == 1
    page.duplicates_view.selectRow(0)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.settle_buttons["SAME_PERSON"].click()
    qtbot.waitUntil(lambda: page.duplicates_model.rowCount() == 0)
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.totals_model.rows()[0].number == 2)
    assert page.chart_view.chart().series()
    window.grab().save("/tmp/street-count-coordinator.png")

    path = tmp_path / "return.csv"
    page.export_to(path)
    qtbot.waitUntil(lambda: "Return saved" in page.notice.text())
    table = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert next(row for row in table if row and row[0].startswith("Total people"))[2] == "2"


def test_an_officer_refers_a_person_who_agreed_to_outreach(
    qtbot: QtBot, open_app: OpenApp, store: Store, officer: OfficerView
) -> None:
    count_with_entries(store)
    with store.begin() as session:
        set_current_officer(session, officer.id)
    window = open_app(store)
    page = window.street_count_page
    window.go_to("Street count")
    qtbot.waitUntil(lambda: page.entries_model.rowCount() == 3)
    assert page.tabs.count() == 1, "an officer sees the entries, not the coordinator's tabs"
    agreed = next(
        entry
        for entry in page.entries_model.rows()
        if entry.details.outreach_consent is OutreachConsent.YES
    )
    with qtbot.waitSignal(page.referred, timeout=5000) as referred:
        page.refer(agreed, PersonDetails("Okafor", "Grace"))
    reference = referred.args[0].reference
    qtbot.waitUntil(
        lambda: any(
            entry.referred_case_reference == reference for entry in page.entries_model.rows()
        )
    )
    qtbot.waitUntil(lambda: window.caseload_view.model().rowCount() == 1)
