"""Bed and breakfast for families: SI 2003/3326 (domain/clocks.md §4).

B&B is unsuitable for an applicant with family commitments (pregnant, or living with a
pregnant woman or dependent children) except for a total of 6 weeks across every placement.
A stay arriving on A and leaving on B uses B - A nights. What resets the total is UNKNOWN:
the running total is kept for the household and never reset here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from hoclient.casework.case_events import Household
from hoclient.casework.unverified import BED_AND_BREAKFAST_FAMILY_LIMIT_NIGHTS

BED_AND_BREAKFAST_BASIS = "SI 2003/3326"


@dataclass(frozen=True)
class BedAndBreakfastStay:
    arrived_on: date
    left_on: date | None = None  # None: still there


def has_family_commitments(household: Household, on: date) -> bool:
    """A pregnant member, or a member other than the applicant under 18 on `on` (issue 4).

    The regulations speak of dependent children; a child's age is what the case records.
    """
    return household.has_pregnant_member() or household.has_child_other_than_the_applicant_on(on)


def nights_used(stays: Iterable[BedAndBreakfastStay], before: date) -> int:
    """Every B&B night the household spent before `before`, each night counted once.

    Nights are counted by the date they begin, so two placements on the same night (a family
    split across two rooms) use one night of the allowance, not two.
    """
    spans = sorted(
        (stay.arrived_on, min(stay.left_on or before, before))
        for stay in stays
        if stay.arrived_on < before
    )
    nights, counted_to = 0, date.min
    for arrived_on, left_on in spans:
        start = max(arrived_on, counted_to)
        if left_on > start:
            nights += (left_on - start).days
            counted_to = left_on
    return nights


def must_have_left_by(arrived_on: date, nights_used_before_arrival: int) -> date:
    """The day a family in B&B must have left: S + 42 - U (issue 4).

    S is the day the current stay began and U the nights used before it. Arriving on Sun 1 Mar
    2026 with none used, they must leave by Sun 12 Apr 2026 (the last night is Sat 11 Apr).
    Where U is already over 42 the day falls before S: the stay was over the limit from the
    first night.
    """
    return arrived_on + timedelta(
        days=BED_AND_BREAKFAST_FAMILY_LIMIT_NIGHTS - nights_used_before_arrival
    )
