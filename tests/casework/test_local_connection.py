"""Local connection (s199) and referral (s198): the referral agreement's rules of thumb."""

from datetime import date

import pytest

from hoclient.casework.local_connection import (
    FamilyTie,
    Finding,
    LocalConnectionFacts,
    Relative,
    Residence,
    days_resided,
    family_association,
    local_connection,
    look_back_window,
    referral_conditions_met,
    residence_connection,
)

DECIDED_ON = date(2026, 6, 15)  # a Monday


def test_the_look_back_windows_end_on_the_decision_day() -> None:
    # domain/clocks.md §5: 12 months are Tue 16 Jun 2025 - Mon 15 Jun 2026; 5 years from
    # Wed 16 Jun 2021.
    assert look_back_window(DECIDED_ON, 12) == (date(2025, 6, 16), DECIDED_ON)
    assert look_back_window(DECIDED_ON, 60) == (date(2021, 6, 16), DECIDED_ON)


def test_six_calendar_months_of_one_stay_is_a_connection_by_residence() -> None:
    exactly = [Residence(date(2025, 12, 16))]
    assert residence_connection(exactly, DECIDED_ON) is Finding.MET
    a_day_short = [Residence(date(2025, 12, 17))]
    assert residence_connection(a_day_short, DECIDED_ON) is Finding.NOT_MET


def test_three_years_of_the_last_five_is_a_connection_by_residence() -> None:
    moved_away = [Residence(date(2021, 7, 1), date(2024, 7, 1))]
    assert residence_connection(moved_away, DECIDED_ON) is Finding.MET
    too_short = [Residence(date(2021, 7, 1), date(2024, 6, 30))]
    assert residence_connection(too_short, DECIDED_ON) is Finding.NOT_MET


def test_time_in_prison_or_hospital_is_not_residence_of_choice() -> None:
    prison = [Residence(date(2025, 1, 1), of_choice=False)]
    assert residence_connection(prison, DECIDED_ON) is Finding.NOT_MET
    assert days_resided(prison, *look_back_window(DECIDED_ON, 12)) == 0


def test_stays_that_add_up_clearly_past_six_months_are_a_connection() -> None:
    stays = [
        Residence(date(2025, 7, 1), date(2025, 10, 1)),  # 92 days in the window
        Residence(date(2026, 2, 1)),  # 135 days to the decision day, inclusive
    ]
    assert residence_connection(stays, DECIDED_ON) is Finding.MET


def test_stays_that_total_six_months_on_one_reading_only_are_for_the_officer() -> None:
    # 182 days: more than the shortest 6 months (181), less than the longest (184). How to
    # count months across separate stays is UNKNOWN, so the officer decides.
    stays = [
        Residence(date(2025, 7, 1), date(2025, 9, 30)),  # 91 days
        Residence(date(2026, 3, 17)),  # 91 days to the decision day, inclusive
    ]
    assert days_resided(stays, *look_back_window(DECIDED_ON, 12)) == 182
    assert residence_connection(stays, DECIDED_ON) is Finding.OFFICER_TO_DECIDE


def test_overlapping_records_of_the_same_address_count_each_day_once() -> None:
    stays = [Residence(date(2026, 1, 1), date(2026, 3, 1)), Residence(date(2026, 2, 1))]
    assert (
        days_resided(stays, *look_back_window(DECIDED_ON, 12))
        == (DECIDED_ON - date(2026, 1, 1)).days + 1
    )


@pytest.mark.parametrize(
    ("tie", "since", "counts"),
    [
        (FamilyTie.PARENT, date(2021, 6, 15), True),
        (FamilyTie.SIBLING, date(2021, 6, 16), False),  # a day short of 5 years
        (FamilyTie.ADULT_CHILD, date(2010, 1, 1), True),
        (FamilyTie.OTHER, date(2000, 1, 1), False),  # an aunt or cousin does not count
    ],
)
def test_family_counts_when_close_and_in_the_district_for_5_years(
    tie: FamilyTie, since: date, counts: bool
) -> None:
    assert family_association([Relative(tie, since)], DECIDED_ON) is counts


def test_any_ground_of_s199_makes_a_local_connection() -> None:
    assert local_connection(LocalConnectionFacts(), DECIDED_ON).finding is Finding.NOT_MET
    for facts in (
        LocalConnectionFacts(employed_in_the_district=True),
        LocalConnectionFacts(special_circumstances=True),
        LocalConnectionFacts(relatives=(Relative(FamilyTie.PARENT, date(2001, 1, 1)),)),
        LocalConnectionFacts(residences=(Residence(date(2020, 1, 1)),)),
    ):
        assert local_connection(facts, DECIDED_ON).finding is Finding.MET


def test_referral_needs_no_connection_here_and_one_there() -> None:
    assert referral_conditions_met(
        connection_here=Finding.NOT_MET, connection_there=Finding.MET, risk_of_abuse_there=False
    )
    assert not referral_conditions_met(
        connection_here=Finding.MET, connection_there=Finding.MET, risk_of_abuse_there=False
    )
    assert (
        referral_conditions_met(
            connection_here=Finding.OFFICER_TO_DECIDE,
            connection_there=Finding.MET,
            risk_of_abuse_there=False,
        )
        is None
    )


def test_never_refer_where_the_household_would_risk_abuse_in_the_other_district() -> None:
    assert (
        referral_conditions_met(
            connection_here=Finding.NOT_MET,
            connection_there=Finding.MET,
            risk_of_abuse_there=True,
        )
        is False
    )
