from datetime import date, datetime

from hoclient.casework.rough_sleeping import (
    count_night_problem,
    count_times_problem,
    is_counted,
    rating_warnings,
)
from hoclient.services.clock import LONDON
from hoclient.vocabulary import CountKind, SleepingStatus


def test_the_annual_snapshot_is_a_night_from_1_october_to_30_november() -> None:
    assert count_night_problem(CountKind.ANNUAL_SNAPSHOT, date(2026, 10, 1)) is None
    assert count_night_problem(CountKind.ANNUAL_SNAPSHOT, date(2026, 11, 30)) is None
    assert count_night_problem(CountKind.ANNUAL_SNAPSHOT, date(2026, 9, 30)) is not None
    assert count_night_problem(CountKind.ANNUAL_SNAPSHOT, date(2026, 12, 1)) is not None


def test_a_monthly_count_may_be_any_night() -> None:
    assert count_night_problem(CountKind.MONTHLY, date(2026, 6, 12)) is None


def test_people_seen_but_not_bedded_down_are_not_counted() -> None:
    assert is_counted(SleepingStatus.ABOUT_TO_BED_DOWN)
    assert is_counted(SleepingStatus.ASLEEP)
    assert not is_counted(SleepingStatus.NOT_BEDDED_DOWN)


def test_a_count_is_one_night_and_finishes_after_it_starts() -> None:
    night = date(2026, 11, 19)
    start = datetime(2026, 11, 20, 0, 30, tzinfo=LONDON)
    assert count_times_problem(night, start, start.replace(hour=3)) is None
    assert count_times_problem(night, start, start.replace(minute=0)) is not None
    assert count_times_problem(date(2026, 11, 10), start, start.replace(hour=3)) is not None


def test_starting_before_midnight_or_without_a_partner_stops_an_assured_rating() -> None:
    night = date(2026, 11, 19)
    early = datetime(2026, 11, 19, 23, 0, tzinfo=LONDON)
    late = datetime(2026, 11, 20, 0, 30, tzinfo=LONDON)
    assert rating_warnings(starts_at_local=late, night_of=night, independent_partner="Trust") == []
    assert len(rating_warnings(starts_at_local=early, night_of=night, independent_partner="")) == 2
