"""Local connection and referral to another council: HA 1996 s198-s199 (domain/duties.md §9).

s199(1): a connection by normal residence of choice, employment, family associations or
special circumstances. The numbers come from the councils' referral agreement, not statute
(all in unverified.py). How to count "6 months" of residence day by day is UNKNOWN: a total
that every reading of the months agrees on is decided here; one in between is left to the
officer.
"""

import enum
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from hoclient.casework.clocks import add_calendar_months
from hoclient.casework.unverified import FAMILY_ASSOCIATION_YEARS, RESIDENCE_TESTS_IN_MONTHS


class Finding(enum.Enum):
    MET = "met"
    NOT_MET = "not met"
    OFFICER_TO_DECIDE = "officer to decide"  # the counting rule decides it, and is UNKNOWN


class FamilyTie(enum.Enum):
    PARENT = "parent"
    ADULT_CHILD = "adult child"
    SIBLING = "brother or sister"
    OTHER = "other relative"


# The referral agreement counts close family only (domain/duties.md §9, unverified).
FAMILY_TIES_THAT_COUNT = frozenset({FamilyTie.PARENT, FamilyTie.ADULT_CHILD, FamilyTie.SIBLING})


@dataclass(frozen=True)
class Residence:
    """A time living in the district: from the day moved in to the day moved out."""

    moved_in_on: date
    moved_out_on: date | None = None  # None: still living there
    of_choice: bool = True  # prison or hospital is not residence of choice


@dataclass(frozen=True)
class Relative:
    tie: FamilyTie
    living_in_the_district_since: date


@dataclass(frozen=True)
class LocalConnectionFacts:
    residences: tuple[Residence, ...] = ()
    relatives: tuple[Relative, ...] = ()
    employed_in_the_district: bool = False
    special_circumstances: bool = False  # the officer's finding


@dataclass(frozen=True)
class LocalConnection:
    residence: Finding
    family: bool
    employment: bool
    special_circumstances: bool

    @property
    def finding(self) -> Finding:
        if self.family or self.employment or self.special_circumstances:
            return Finding.MET
        return self.residence


def look_back_window(decided_on: date, months: int) -> tuple[date, date]:
    """The days counted: decided on Mon 15 Jun 2026, 12 months are Tue 16 Jun 2025 to that day."""
    return add_calendar_months(decided_on, -months) + timedelta(days=1), decided_on


def days_resided(residences: Iterable[Residence], first_day: date, last_day: date) -> int:
    """Days of residence of choice from `first_day` to `last_day`, each day counted once.

    A day counts from moving in; the day of moving out does not.
    """
    days: set[date] = set()
    for residence in residences:
        if not residence.of_choice:
            continue
        start = max(residence.moved_in_on, first_day)
        end = min(residence.moved_out_on or date.max, last_day + timedelta(days=1))
        days.update(start + timedelta(days=n) for n in range((end - start).days))
    return len(days)


def residence_connection(residences: Iterable[Residence], decided_on: date) -> Finding:
    """Residence for 6 of the last 12 months, or 3 of the last 5 years."""
    residences = tuple(residences)
    findings = []
    for needed_months, window_months in RESIDENCE_TESTS_IN_MONTHS:
        first_day, last_day = look_back_window(decided_on, window_months)
        stays = [
            residence
            for residence in residences
            if residence.of_choice
            and residence.moved_in_on <= last_day
            and (residence.moved_out_on is None or residence.moved_out_on > first_day)
        ]
        findings.append(_residence_finding(stays, needed_months, first_day, last_day))
    if Finding.MET in findings:
        return Finding.MET
    return Finding.OFFICER_TO_DECIDE if Finding.OFFICER_TO_DECIDE in findings else Finding.NOT_MET


def family_association(relatives: Iterable[Relative], decided_on: date) -> bool:
    """A parent, adult child, brother or sister living in the district for at least 5 years."""
    since_at_latest = add_calendar_months(decided_on, -12 * FAMILY_ASSOCIATION_YEARS)
    return any(
        relative.tie in FAMILY_TIES_THAT_COUNT
        and relative.living_in_the_district_since <= since_at_latest
        for relative in relatives
    )


def local_connection(facts: LocalConnectionFacts, decided_on: date) -> LocalConnection:
    """The grounds of s199(1), judged on the facts on the decision day (or the review day)."""
    return LocalConnection(
        residence=residence_connection(facts.residences, decided_on),
        family=family_association(facts.relatives, decided_on),
        employment=facts.employed_in_the_district,
        special_circumstances=facts.special_circumstances,
    )


def referral_conditions_met(
    *, connection_here: Finding, connection_there: Finding, risk_of_abuse_there: bool
) -> bool | None:
    """Whether the case may be referred to the other council (s198(2)); None: officer decides.

    Never where the applicant or anyone who might reasonably live with them would run the risk
    of domestic abuse or other violence in the other district, whatever the connections.
    """
    if risk_of_abuse_there:
        return False
    if Finding.OFFICER_TO_DECIDE in (connection_here, connection_there):
        return None
    return connection_here is Finding.NOT_MET and connection_there is Finding.MET


def _residence_finding(
    stays: list[Residence], months: int, first_day: date, last_day: date
) -> Finding:
    if _one_stay_lasts(stays, months, first_day, last_day):
        return Finding.MET
    if len(stays) <= 1:
        return Finding.NOT_MET  # one stay is measured in calendar months, with no doubt
    # Several stays are added up in days; a total that some reading of N months reaches and
    # another does not is the officer's call.
    days = days_resided(stays, first_day, last_day)
    shortest, longest = _shortest_and_longest_days_in(months)
    if days >= longest:
        return Finding.MET
    return Finding.NOT_MET if days < shortest else Finding.OFFICER_TO_DECIDE


def _one_stay_lasts(
    residences: Iterable[Residence], months: int, first_day: date, last_day: date
) -> bool:
    # One unbroken stay of N calendar months within the window is N months on any reading.
    day_after_window = last_day + timedelta(days=1)
    return any(
        residence.of_choice
        and add_calendar_months(max(residence.moved_in_on, first_day), months)
        <= min(residence.moved_out_on or date.max, day_after_window)
        for residence in residences
    )


@functools.cache
def _shortest_and_longest_days_in(months: int) -> tuple[int, int]:
    # Over a whole leap-year cycle every length N calendar months can have turns up.
    lengths = {
        (add_calendar_months(start, months) - start).days
        for start in (date(2024, 1, 1) + timedelta(days=n) for n in range(4 * 366))
    }
    return min(lengths), max(lengths)
