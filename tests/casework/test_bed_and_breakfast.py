"""B&B for families, SI 2003/3326: nights across every placement, and the day to leave."""

from datetime import date

from hoclient.casework.bed_and_breakfast import (
    BedAndBreakfastStay,
    has_family_commitments,
    must_have_left_by,
    nights_used,
)
from hoclient.casework.case_events import Household, HouseholdMember


def test_a_stay_from_a_to_b_uses_b_minus_a_nights() -> None:
    stay = BedAndBreakfastStay(date(2026, 1, 5), date(2026, 1, 19))
    assert nights_used([stay], before=date(2026, 6, 1)) == 14


def test_an_open_stay_counts_the_nights_before_the_day_asked_about() -> None:
    stay = BedAndBreakfastStay(date(2026, 3, 1))
    assert nights_used([stay], before=date(2026, 3, 1)) == 0
    assert nights_used([stay], before=date(2026, 3, 11)) == 10


def test_nights_across_a_month_end_and_a_leap_day() -> None:
    stay = BedAndBreakfastStay(date(2028, 2, 27), date(2028, 3, 2))
    assert nights_used([stay], before=date(2028, 4, 1)) == 4


def test_a_family_arriving_with_no_nights_used_must_leave_on_day_42() -> None:
    # domain/clocks.md: from Sun 1 Mar 2026 leave by Sun 12 Apr (last night Sat 11 Apr).
    assert must_have_left_by(date(2026, 3, 1), 0) == date(2026, 4, 12)


def test_earlier_nights_shorten_the_stay() -> None:
    # 14 nights used in January: from Mon 2 Feb 2026, 28 left, leave by Mon 2 Mar 2026.
    assert must_have_left_by(date(2026, 2, 2), 14) == date(2026, 3, 2)


def test_family_commitments_are_a_pregnancy_or_a_child_other_than_the_applicant() -> None:
    on = date(2026, 3, 1)
    assert has_family_commitments(Household(HouseholdMember(pregnant=True)), on)
    child = HouseholdMember("child", born_on=date(2015, 1, 1))
    assert has_family_commitments(Household(members=(child,)), on)
    young_applicant = Household(HouseholdMember(born_on=date(2009, 6, 1)))
    assert not has_family_commitments(young_applicant, on)
    unborn = HouseholdMember("child", born_on=date(2026, 5, 1))
    assert not has_family_commitments(Household(members=(unborn,)), on)
