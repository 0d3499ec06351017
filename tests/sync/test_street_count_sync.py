"""Street counts through sync: two teams' entries meet at the centre with nothing lost, the
centre flags possible duplicates, and a volunteer's device holds its counts and no casework."""

import json
import uuid

import pytest

from hoclient.models import StreetCountArea
from hoclient.server.central import Central
from hoclient.server.protocol import PullRequest
from hoclient.server.pull import pull_page
from hoclient.server.scope import DeviceOfficer
from hoclient.services.case_notes import add_case_note
from hoclient.services.street_count_entries import area_entries, correct_entry, record_entry
from hoclient.services.street_count_setup import my_assignment
from hoclient.services.street_count_sync import CannotSync, sync_count_device
from hoclient.services.street_count_totals import count_totals, duplicates, settle_duplicate
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import DuplicateVerdict, Role, Sex
from tests.services.helpers import approach_for, record
from tests.services.street_count_helpers import (
    CountOnLaptop,
    put_on_team,
    seen,
    set_up_count,
)
from tests.sync.conftest import Laptop, Laptops
from tests.sync.test_sync import central_dump, dump

STREET_COUNT_TABLES = {
    "street_count",
    "street_count_area",
    "street_count_team",
    "street_count_volunteer",
    "street_count_entry",
}


def staff(laptops: Laptops) -> Laptop:
    """An officer's case and note at the centre; the senior who sets up counts (returned);
    two volunteers' accounts."""
    laptops.officer("grace")
    laptops.officer("sam", role=Role.SENIOR)
    laptops.officer("vic", role=Role.VOLUNTEER)
    laptops.officer("val", role=Role.VOLUNTEER)
    grace = laptops.enrolled("grace")
    case = record(grace.store, grace.officer, approach_for())
    add_case_note(grace.store, grace.officer, case.case_id, "Sleeping in a car since Monday.")
    grace.sync()
    return laptops.enrolled("sam")


def volunteer_on_a_count(laptops: Laptops) -> tuple[Laptop, Laptop, CountOnLaptop]:
    """staff(), vic's device, and a count set up by sam with vic on its first team (not yet
    synced)."""
    sam = staff(laptops)
    vic = laptops.enrolled("vic")
    count = set_up_count(sam.store, sam.officer)
    put_on_team(sam.store, sam.officer, count.teams[0], vic.officer)
    return sam, vic, count


def test_two_teams_entries_merge_at_the_centre_and_a_possible_duplicate_is_flagged(
    laptops: Laptops, central: Central
) -> None:
    sam = staff(laptops)
    vic_id = laptops.enrolled("vic").officer
    val_id = laptops.enrolled("val").officer
    count = set_up_count(sam.store, sam.officer)
    put_on_team(sam.store, sam.officer, count.teams[0], vic_id)
    put_on_team(sam.store, sam.officer, count.teams[1], val_id)
    assert not sam.sync().refused
    vic, val = laptops.made[-2], laptops.made[-1]
    vic.sync()
    val.sync()
    town, river = (area.area_id for area in count.areas)
    # Vic's team sees three people; Val's team two, one of them much like Vic's first.
    record_entry(vic.store, vic.officer, town, seen(1, 0))
    record_entry(
        vic.store,
        vic.officer,
        town,
        seen(1, 10, sex=Sex.FEMALE, street="Mill Lane", description="Blue tent, small dog"),
    )
    third = record_entry(vic.store, vic.officer, town, seen(1, 20, street="Quay", description=""))
    correct_entry(
        vic.store,
        vic.officer,
        third.entry_id,
        seen(1, 25, street="Quay", landmark="Crane", description="Grey coat"),
    )
    record_entry(val.store, val.officer, river, seen(1, 30, landmark="Old bank doorway"))
    record_entry(
        val.store,
        val.officer,
        river,
        seen(2, 0, sex=Sex.FEMALE, street="Towpath", landmark="", description="Purple rucksack"),
    )
    assert not vic.sync().refused
    assert not val.sync().refused
    sam.sync()

    centre = central_dump(central)
    assert len(centre["street_count_entry"]) == 6  # four of Vic's versions, two of Val's
    count_id = count.count.count_id
    assert len(area_entries(sam.store, sam.officer, count_id)) == 5
    flags = duplicates(sam.store, sam.officer, count_id)
    assert len(flags) == 1
    assert "similar" in flags[0].reason
    assert {flags[0].first.team_name, flags[0].second.team_name} == {"Team A", "Team B"}
    assert count_totals(sam.store, sam.officer, count_id).total == 5

    settle_duplicate(sam.store, sam.officer, flags[0].flag_id, DuplicateVerdict.SAME_PERSON)
    totals = count_totals(sam.store, sam.officer, count_id)
    assert (totals.total, totals.counted_once_as_duplicates) == (4, 1)
    assert not sam.sync().refused  # the settled flag goes back to the centre
    settled = central_dump(central)["street_count_duplicate"]
    assert [row["verdict"] for row in settled] == ["SAME_PERSON"]
    # A sync twice changes nothing at the centre.
    vic.sync()
    val.sync()
    assert len(central_dump(central)["street_count_entry"]) == 6


def test_a_volunteers_device_holds_its_count_and_no_casework(
    laptops: Laptops, central: Central
) -> None:
    sam, vic, count = volunteer_on_a_count(laptops)
    sam.sync()
    vic.sync()
    record_entry(vic.store, vic.officer, count.areas[0].area_id, seen())
    assert not vic.sync().refused

    held = {table for table, rows in dump(vic).items() if rows}
    assert held <= STREET_COUNT_TABLES | {"officer", "team"}, held - STREET_COUNT_TABLES
    assert held >= STREET_COUNT_TABLES
    assert "housing_case" in {table for table, rows in central_dump(central).items() if rows}
    assignment = my_assignment(vic.store, vic.officer)
    assert assignment is not None and assignment.team_name == "Team A"
    assert vic.officer.role is Role.VOLUNTEER


def test_a_volunteer_put_on_a_count_after_their_first_sync_receives_it_whole(
    laptops: Laptops,
) -> None:
    sam = staff(laptops)
    vic = laptops.enrolled("vic")
    count = set_up_count(sam.store, sam.officer)
    record_entry(sam.store, sam.officer, count.areas[0].area_id, seen())
    sam.sync()
    vic.sync()
    assert my_assignment(vic.store, vic.officer) is None
    put_on_team(sam.store, sam.officer, count.teams[0], vic.officer)
    sam.sync()
    vic.sync()
    assignment = my_assignment(vic.store, vic.officer)
    assert assignment is not None and assignment.area_name == "Town centre"
    assert len(area_entries(vic.store, vic.officer, count.count.count_id)) == 1


def test_the_centre_refuses_casework_and_set_up_from_a_volunteers_device(
    laptops: Laptops, central: Central
) -> None:
    sam, vic, count = volunteer_on_a_count(laptops)
    sam.sync()
    vic.sync()
    # A tampered device: a row written straight into its store, as its services would refuse.
    with vic.store.begin() as session:
        session.add(
            StreetCountArea(
                street_count_id=count.count.count_id, name="Extra", updated_by=vic.officer.id
            )
        )
    before = central_dump(central)
    report = vic.sync()
    [refusal] = report.refused
    assert "may not set up and coordinate street counts" in refusal
    assert central_dump(central)["street_count_area"] == before["street_count_area"]


def test_the_count_window_syncs_a_volunteers_entries_and_says_so(laptops: Laptops) -> None:
    sam, vic, count = volunteer_on_a_count(laptops)
    sam.sync()
    summary = sync_count_device(vic.store, vic.officer, client=laptops.client)
    assert "received" in summary
    record_entry(vic.store, vic.officer, count.areas[0].area_id, seen())
    # One entry is one change; the audit event its change capture wrote travels with it.
    summary = sync_count_device(vic.store, vic.officer, client=laptops.client)
    assert summary.startswith("Sent 1 change(s) (0 already at the centre, 0 in conflict)")
    assert "and 1 audit event(s);" in summary
    sam.sync()
    assert len(area_entries(sam.store, sam.officer, count.count.count_id)) == 1


def test_an_unenrolled_device_cannot_sync_and_is_told_why(
    store: Store, officer: OfficerView
) -> None:
    with pytest.raises(CannotSync, match="not enrolled"):
        sync_count_device(store, officer)


def test_a_volunteers_device_asking_for_cases_by_place_is_sent_none(
    laptops: Laptops, central: Central
) -> None:
    # A new laptop asks for the cases entering its scope by their place in the list; on a
    # volunteer's device the answer is at once "past the list's end", not its count's rows.
    sam, vic, _count = volunteer_on_a_count(laptops)
    sam.sync()
    who = DeviceOfficer(uuid.uuid4(), vic.officer.id, vic.officer.team_id, Role.VOLUNTEER)
    with central.read() as connection:
        page = json.loads(
            pull_page(connection, who, PullRequest(cursor=0, cases_from=0, cases_limit=100))
        )
        assert json.loads(pull_page(connection, who, PullRequest(cursor=0)))["rows"]
    assert (page["rows"], page["cursor"], page["more"]) == ({}, 0, True)
