"""Street count services: set-up, entries saved and corrected by new versions, tallies,
totals, the return as CSV, outreach referrals, and what each role may do."""

import csv
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoclient.models import HousingCase, StreetCount, StreetCountEntry
from hoclient.services.errors import InvalidInput, NotAllowed
from hoclient.services.persons import PersonDetails
from hoclient.services.street_count_entries import (
    area_entries,
    area_tally,
    correct_entry,
    load_draft,
    record_entry,
    save_draft,
)
from hoclient.services.street_count_outreach import refer_to_outreach
from hoclient.services.street_count_setup import (
    add_area,
    add_team,
    assign_volunteer,
    count_setup,
    create_count,
    list_counts,
    my_assignment,
)
from hoclient.services.street_count_totals import (
    count_totals,
    duplicates,
    export_return_csv,
    settle_duplicate,
)
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import (
    AgeBand,
    DuplicateVerdict,
    NationalityBand,
    OutreachConsent,
    Role,
    Sex,
    SleepingStatus,
)
from tests.conftest import TODAY
from tests.services.street_count_helpers import (
    officer_with_role,
    put_on_team,
    seen,
    set_up_count,
    snapshot,
)


@pytest.fixture
def senior(store: Store) -> OfficerView:
    return officer_with_role(store, Role.SENIOR, "Senior Coordinator")


@pytest.fixture
def volunteer(store: Store) -> OfficerView:
    return officer_with_role(store, Role.VOLUNTEER, "Volunteer One")


@pytest.fixture
def caseworker(store: Store) -> OfficerView:
    return officer_with_role(store, Role.OFFICER, "Housing Officer")


def rows(store: Store, model: type[StreetCount] | type[StreetCountEntry]) -> int:
    with store.begin() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_an_annual_snapshot_in_december_is_refused_and_nothing_is_saved(
    store: Store, senior: OfficerView
) -> None:
    with pytest.raises(InvalidInput) as refused:
        create_count(store, senior, snapshot(night_of=date(2026, 12, 3)))
    assert "1 October and 30 November" in refused.value.problems["night_of"]
    assert rows(store, StreetCount) == 0


def test_only_a_senior_officer_sets_up_a_count(
    store: Store, officer: OfficerView, volunteer: OfficerView
) -> None:
    for who in (officer, volunteer):
        with pytest.raises(NotAllowed):
            create_count(store, who, snapshot())
    assert rows(store, StreetCount) == 0


def test_a_count_starting_before_midnight_warns_it_cannot_be_fully_assured(
    store: Store, senior: OfficerView
) -> None:
    count = create_count(
        store, senior, snapshot(starts_at=snapshot().starts_at.replace(day=19, hour=23))
    )
    assert any("before midnight" in warning for warning in count.warnings)


def test_a_volunteer_sees_their_team_and_area(
    store: Store, senior: OfficerView, volunteer: OfficerView
) -> None:
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[1], volunteer)
    assignment = my_assignment(store, volunteer)
    assert assignment is not None
    assert (assignment.team_name, assignment.area_name) == ("Team B", "Riverside")
    assert [found.name for found in list_counts(store, volunteer)] == ["Autumn snapshot 2026"]


def test_a_volunteer_on_no_team_cannot_record(
    store: Store, senior: OfficerView, volunteer: OfficerView
) -> None:
    count = set_up_count(store, senior)
    with pytest.raises(NotAllowed):
        record_entry(store, volunteer, count.areas[0].area_id, seen())
    assert rows(store, StreetCountEntry) == 0


def test_an_entry_needs_a_place_and_a_time_during_the_count(
    store: Store, senior: OfficerView, volunteer: OfficerView
) -> None:
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[0], volunteer)
    area = count.areas[0].area_id
    with pytest.raises(InvalidInput) as refused:
        record_entry(store, volunteer, area, replace(seen(), street="", landmark=""))
    assert "Say where" in refused.value.problems["location"]
    with pytest.raises(InvalidInput) as refused:
        record_entry(store, volunteer, area, seen(hour=9))
    assert "during the count" in refused.value.problems["seen_at"]
    assert rows(store, StreetCountEntry) == 0


def test_a_correction_is_a_new_version_and_the_tally_counts_the_person_once(
    store: Store, senior: OfficerView, volunteer: OfficerView
) -> None:
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[0], volunteer)
    area = count.areas[0].area_id
    first = record_entry(store, volunteer, area, seen(1, 0))
    record_entry(store, volunteer, area, seen(1, 10, sex=Sex.FEMALE, street="Mill Lane"))
    record_entry(
        store, volunteer, area, seen(1, 20, status=SleepingStatus.NOT_BEDDED_DOWN, street="Quay")
    )
    corrected = correct_entry(
        store, volunteer, first.entry_id, replace(first.details, age_band=AgeBand.AGED_18_TO_25)
    )
    assert corrected.sighting_id == first.sighting_id and corrected.versions == 2
    assert rows(store, StreetCountEntry) == 4  # the first version is kept, unchanged
    listed = area_entries(store, volunteer, count.count.count_id, area)
    assert len(listed) == 3
    assert {
        entry.details.age_band for entry in listed if entry.sighting_id == first.sighting_id
    } == {AgeBand.AGED_18_TO_25}
    tally = area_tally(store, volunteer, count.count.count_id, area)
    assert (tally.counted, tally.seen_not_counted) == (2, 1)
    assert tally.by_sex == {Sex.MALE: 1, Sex.FEMALE: 1}


def test_a_withdrawn_entry_counts_for_nothing(
    store: Store, senior: OfficerView, volunteer: OfficerView
) -> None:
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[0], volunteer)
    entry = record_entry(store, volunteer, count.areas[0].area_id, seen())
    correct_entry(store, volunteer, entry.entry_id, entry.details, withdrawn=True)
    assert count_totals(store, senior, count.count.count_id).total == 0
    assert area_entries(store, volunteer, count.count.count_id) == []


def test_a_volunteer_cannot_see_totals_or_refer_to_outreach(
    store: Store, senior: OfficerView, volunteer: OfficerView
) -> None:
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[0], volunteer)
    entry = record_entry(
        store, volunteer, count.areas[0].area_id, seen(consent=OutreachConsent.YES)
    )
    with pytest.raises(NotAllowed):
        count_totals(store, volunteer, count.count.count_id)
    with pytest.raises(NotAllowed):
        refer_to_outreach(
            store, volunteer, entry.entry_id, PersonDetails("Okafor", "Grace"), today=TODAY
        )
    with store.begin() as session:
        assert session.scalar(select(func.count()).select_from(HousingCase)) == 0


def test_the_totals_match_the_entries_and_the_return_adds_up(
    store: Store, senior: OfficerView, volunteer: OfficerView, tmp_path: Path
) -> None:
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[0], volunteer)
    town, river = (area.area_id for area in count.areas)
    people = [
        (town, seen(1, 0, sex=Sex.MALE, nationality_band=NationalityBand.UK)),
        (town, seen(1, 5, sex=Sex.FEMALE, age_band=AgeBand.AGED_18_TO_25, street="Mill Lane")),
        (town, seen(1, 9, sex=Sex.NOT_KNOWN, age_band=AgeBand.NOT_KNOWN, street="Quay")),
        (river, seen(2, 0, nationality_band=NationalityBand.EU_NON_UK, street="Towpath")),
        (river, seen(2, 5, status=SleepingStatus.NOT_BEDDED_DOWN, street="Bridge")),
    ]
    for area, details in people:
        record_entry(store, senior, area, details)
    totals = count_totals(store, senior, count.count.count_id)
    assert totals.total == 4 and totals.seen_not_counted == 1
    assert [(a.area_name, a.counted, a.seen_not_counted) for a in totals.by_area] == [
        ("Riverside", 1, 1),
        ("Town centre", 3, 0),
    ]
    assert totals.by_sex == {Sex.MALE: 2, Sex.FEMALE: 1, Sex.NOT_KNOWN: 1}
    for by_band in (totals.by_sex, totals.by_age_band, totals.by_nationality_band):
        assert sum(by_band.values()) == totals.total

    path = tmp_path / "return.csv"
    export_return_csv(store, senior, count.count.count_id, path)
    table = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    total_row = next(row for row in table if row and row[0].startswith("Total people"))
    assert int(total_row[2]) == 4
    for category in ("Sex", "Age", "Nationality"):
        bands = [row for row in table if row and row[0] == category and row[1] != "Total"]
        subtotal = next(row for row in table if row[:2] == [category, "Total"])
        assert sum(int(row[2]) for row in bands) == int(subtotal[2]) == 4
    assert ["Nationality", "EU (not UK)", "1"] in table


def test_an_officer_refers_a_person_who_agreed_to_outreach_as_a_new_approach(
    store: Store, senior: OfficerView, caseworker: OfficerView
) -> None:
    officer = caseworker
    count = set_up_count(store, senior)
    area = count.areas[0].area_id
    agreed = record_entry(store, senior, area, seen(consent=OutreachConsent.YES))
    declined = record_entry(store, senior, area, seen(1, 30, consent=OutreachConsent.NO))
    case = refer_to_outreach(
        store, officer, agreed.entry_id, PersonDetails("Okafor", "Grace"), today=TODAY
    )
    assert case.approached_on == TODAY and "street count" in (case.referring_agency or "")
    listed = {e.sighting_id: e for e in area_entries(store, senior, count.count.count_id)}
    assert listed[agreed.sighting_id].referred_case_reference == case.reference
    with pytest.raises(InvalidInput, match="already referred"):
        refer_to_outreach(
            store, officer, agreed.entry_id, PersonDetails("Okafor", "Grace"), today=TODAY
        )
    with pytest.raises(InvalidInput, match="agreed to be contacted"):
        refer_to_outreach(
            store, officer, declined.entry_id, PersonDetails("Mensah", "Kofi"), today=TODAY
        )


def test_a_draft_is_kept_until_the_entry_is_recorded(
    store: Store, senior: OfficerView, volunteer: OfficerView
) -> None:
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[0], volunteer)
    save_draft(store, volunteer, {"street": "High St", "description": "blue coa"})
    assert load_draft(store, volunteer)["description"] == "blue coa"
    record_entry(store, volunteer, count.areas[0].area_id, seen())
    assert load_draft(store, volunteer) == {}


def test_only_the_coordinator_reaches_set_up_totals_duplicates_and_the_return(
    store: Store,
    senior: OfficerView,
    volunteer: OfficerView,
    caseworker: OfficerView,
    tmp_path: Path,
) -> None:
    count = set_up_count(store, senior)
    count_id, area, team = count.count.count_id, count.areas[0].area_id, count.teams[0].team_id
    calls = {
        "add_area": lambda who: add_area(store, who, count_id, "Docks"),
        "add_team": lambda who: add_team(store, who, area, "Team C"),
        "assign_volunteer": lambda who: assign_volunteer(store, who, team, volunteer.id),
        "count_setup": lambda who: count_setup(store, who, count_id),
        "count_totals": lambda who: count_totals(store, who, count_id),
        "duplicates": lambda who: duplicates(store, who, count_id),
        "settle_duplicate": lambda who: settle_duplicate(
            store, who, uuid.uuid4(), DuplicateVerdict.SAME_PERSON
        ),
        "export_return_csv": lambda who: export_return_csv(
            store, who, count_id, tmp_path / "return.csv"
        ),
    }
    for who in (volunteer, caseworker):
        for name, call in calls.items():
            with pytest.raises(NotAllowed):
                call(who)
                pytest.fail(f"{who.role.value} reached {name}")
    assert not (tmp_path / "return.csv").exists()
    assert count_setup(store, senior, count_id).teams[0].volunteers == ()
