"""Every statutory clock with a worked date (domain/clocks.md): calendar days, nothing skipped."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hoclient.casework import clocks


def test_56_days_beginning_with_a_day_end_on_day_55_after_it() -> None:
    assert clocks.last_day_beginning_with(date(2026, 3, 2), 56) == date(2026, 4, 26)


def test_within_21_days_of_a_day_leaves_that_day_out() -> None:
    assert clocks.last_day_within(date(2026, 3, 2), 21) == date(2026, 3, 23)


def test_threatened_means_likely_homeless_within_56_days_of_the_assessment() -> None:
    assert clocks.threatened_if_homeless_by(date(2026, 3, 2)) == date(2026, 4, 27)


def test_prevention_period_ends_on_a_sunday_all_the_same() -> None:
    # First satisfied Mon 2 Mar 2026; the "complied and 56 days" notice from Mon 27 Apr.
    last_day = clocks.prevention_period_last_day(date(2026, 3, 2))
    assert last_day == date(2026, 4, 26)
    assert last_day.strftime("%A") == "Sunday"


def test_relief_period_counts_the_day_the_authority_were_first_satisfied() -> None:
    assert clocks.relief_period_last_day(date(2026, 3, 2)) == date(2026, 4, 26)
    assert clocks.relief_period_last_day(date(2026, 4, 15)) == date(2026, 6, 9)


def test_review_request_runs_21_days_beginning_with_the_day_notified_christmas_included() -> None:
    assert clocks.review_request_last_day(date(2026, 3, 2)) == date(2026, 3, 22)
    assert clocks.review_request_last_day(date(2026, 12, 22)) == date(2027, 1, 11)


@pytest.mark.parametrize(
    ("weeks", "due_on"),
    [
        (3, date(2026, 3, 30)),
        (8, date(2026, 5, 4)),  # the early May bank holiday is still the deadline
        (10, date(2026, 5, 18)),
        (12, date(2026, 6, 1)),
    ],
)
def test_review_decision_weeks_begin_with_the_request_day(weeks: int, due_on: date) -> None:
    assert clocks.review_decision_due(date(2026, 3, 10), weeks) == due_on


def test_a_three_week_review_restarts_from_representations_easter_included() -> None:
    assert clocks.review_decision_due(date(2026, 3, 20), 3) == date(2026, 4, 9)


def test_the_appointed_persons_report_is_due_in_11_weeks() -> None:
    assert clocks.appointed_person_report_due(date(2026, 3, 10)) == date(2026, 5, 25)


def test_an_appeal_is_within_21_days_of_notification_of_the_review_decision() -> None:
    assert clocks.appeal_last_day(date(2026, 3, 2)) == date(2026, 3, 23)


def test_clocks_started_on_a_month_end_run_on_in_days() -> None:
    assert clocks.relief_period_last_day(date(2026, 1, 31)) == date(2026, 3, 27)
    assert clocks.review_request_last_day(date(2026, 1, 31)) == date(2026, 2, 20)
    assert clocks.appeal_last_day(date(2026, 1, 31)) == date(2026, 2, 21)
    assert clocks.prevention_period_last_day(date(2026, 12, 31)) == date(2027, 2, 24)
    assert clocks.review_decision_due(date(2026, 12, 31), 12) == date(2027, 3, 24)


def test_a_leap_day_counts_as_a_day() -> None:
    assert clocks.relief_period_last_day(date(2028, 2, 29)) == date(2028, 4, 24)
    assert clocks.prevention_period_last_day(date(2028, 2, 1)) == date(2028, 3, 27)
    assert clocks.prevention_period_last_day(date(2027, 2, 1)) == date(2027, 3, 28)
    assert clocks.review_request_last_day(date(2028, 2, 9)) == date(2028, 2, 29)
    assert clocks.review_request_last_day(date(2028, 2, 20)) == date(2028, 3, 11)


def test_a_period_across_the_clocks_going_back_counts_dates_not_hours() -> None:
    # British Summer Time ends at 01:00 UTC on Sun 25 Oct 2026: that day has 25 hours, and
    # is one day all the same.
    assert clocks.relief_period_last_day(date(2026, 10, 1)) == date(2026, 11, 25)
    assert clocks.review_decision_due(date(2026, 10, 20), 3) == date(2026, 11, 9)


def test_a_decision_emailed_late_at_night_is_notified_on_its_london_date() -> None:
    # 23:30 UTC on 24 Oct 2026 is 00:30 BST on 25 Oct, the night the clocks go back.
    emailed_at = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    notified_on = clocks.london_date_of(emailed_at)
    assert notified_on == date(2026, 10, 25)
    assert clocks.review_request_last_day(notified_on) == date(2026, 11, 14)
    # After the change London is on GMT: 23:30 UTC stays on the same date.
    assert clocks.london_date_of(datetime(2026, 10, 25, 23, 30, tzinfo=UTC)) == date(2026, 10, 25)


def test_an_email_at_2330_utc_on_31_march_arrives_on_1_april_in_london() -> None:
    assert clocks.london_date_of(datetime(2026, 3, 31, 23, 30, tzinfo=UTC)) == date(2026, 4, 1)


def test_an_instant_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        clocks.london_date_of(datetime(2026, 3, 31, 23, 30))


def test_calendar_months_clamp_at_the_month_end() -> None:
    assert clocks.add_calendar_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert clocks.add_calendar_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert clocks.add_calendar_months(date(2026, 6, 15), -12) == date(2025, 6, 15)


def test_a_reasonable_prospect_runs_6_calendar_months_from_the_notice() -> None:
    assert clocks.prospect_reaches(date(2026, 4, 15), 6) == date(2026, 10, 15)


def test_a_fixed_term_of_at_least_6_months_may_end_the_day_before_the_corresponding_date() -> None:
    starts_on = date(2026, 6, 1)
    assert clocks.fixed_term_is_long_enough(starts_on, date(2026, 11, 30), 6) is True
    assert clocks.fixed_term_is_long_enough(starts_on, date(2026, 11, 29), 6) is False
    assert clocks.fixed_term_is_long_enough(starts_on, date(2027, 5, 31), 12) is True


def test_a_fixed_term_starting_on_the_29th_to_31st_is_left_to_an_officer() -> None:
    # The right reading for those start days is UNKNOWN (domain/clocks.md §1).
    assert clocks.fixed_term_is_long_enough(date(2026, 1, 30), date(2026, 7, 30), 6) is None


@given(st.dates(min_value=date(2018, 4, 3), max_value=date(2099, 12, 31)))
def test_clocks_never_skip_a_day(start: date) -> None:
    # A day later in, a day later out: no weekend, holiday or clock change is ever skipped.
    next_day = start + timedelta(days=1)
    for clock in (
        clocks.prevention_period_last_day,
        clocks.relief_period_last_day,
        clocks.review_request_last_day,
        clocks.appeal_last_day,
        clocks.threatened_if_homeless_by,
    ):
        assert clock(next_day) - clock(start) == timedelta(days=1)
