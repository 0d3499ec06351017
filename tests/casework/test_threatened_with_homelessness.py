"""Threatened with homelessness within 56 days: s175(4) and the notice rule of s175(5)."""

from datetime import date

import pytest

from hoclient.casework.case_events import NoticeKind
from hoclient.casework.threatened_with_homelessness import (
    PossessionNotice,
    threatened_by_likely_homelessness,
    threatened_by_notice,
    threatened_with_homelessness,
)

ASSESSED_ON = date(2026, 3, 2)  # the limit is Mon 27 Apr 2026


def notice(
    kind: NoticeKind,
    served_on: date,
    ends_on: date,
    *,
    valid: bool = True,
    only_accommodation: bool = True,
) -> PossessionNotice:
    return PossessionNotice(kind, served_on, ends_on, valid, only_accommodation)


def test_likely_homeless_within_56_days_of_the_assessment_is_threatened() -> None:
    assert threatened_by_likely_homelessness(ASSESSED_ON, date(2026, 4, 27))
    assert not threatened_by_likely_homelessness(ASSESSED_ON, date(2026, 4, 28))


def test_a_valid_s21_notice_expiring_within_56_days_threatens() -> None:
    s21 = notice(NoticeKind.SECTION_21, date(2026, 2, 20), date(2026, 4, 20))
    assert threatened_by_notice(ASSESSED_ON, s21) is True
    later = notice(NoticeKind.SECTION_21, date(2026, 2, 20), date(2026, 4, 28))
    assert threatened_by_notice(ASSESSED_ON, later) is False


def test_an_invalid_notice_or_one_on_other_accommodation_does_not_threaten() -> None:
    invalid = notice(NoticeKind.SECTION_21, date(2026, 2, 20), date(2026, 4, 20), valid=False)
    elsewhere = notice(
        NoticeKind.SECTION_21, date(2026, 2, 20), date(2026, 4, 20), only_accommodation=False
    )
    other = notice(NoticeKind.OTHER, date(2026, 2, 20), date(2026, 4, 20))
    assert {threatened_by_notice(ASSESSED_ON, n) for n in (invalid, elsewhere, other)} == {False}


def test_from_1_may_2026_a_s8_notice_whose_date_falls_within_56_days_threatens() -> None:
    # domain/clocks.md: assessed Mon 11 May 2026; s8 date Wed 1 Jul 2026 (limit Mon 6 Jul).
    s8 = notice(NoticeKind.SECTION_8, date(2026, 5, 4), date(2026, 7, 1))
    assert threatened_by_notice(date(2026, 5, 11), s8) is True
    too_late = notice(NoticeKind.SECTION_8, date(2026, 5, 4), date(2026, 7, 7))
    assert threatened_by_notice(date(2026, 5, 11), too_late) is False


def test_before_1_may_2026_s175_5_speaks_of_s21_notices_only() -> None:
    s8 = notice(NoticeKind.SECTION_8, date(2026, 2, 1), date(2026, 4, 1))
    assert threatened_by_notice(ASSESSED_ON, s8) is False


def test_a_s21_notice_served_by_30_april_2026_still_counts_after_it() -> None:
    s21 = notice(NoticeKind.SECTION_21, date(2026, 4, 30), date(2026, 6, 30))
    assert threatened_by_notice(date(2026, 5, 11), s21) is True


@pytest.mark.parametrize(
    "unsettled",
    [
        # Social landlords may keep s21 until 2027: how s175(5) treats that is UNKNOWN.
        notice(NoticeKind.SECTION_21, date(2026, 5, 1), date(2026, 6, 30)),
        # A s8 notice served before the Act but assessed after it.
        notice(NoticeKind.SECTION_8, date(2026, 4, 20), date(2026, 6, 30)),
    ],
)
def test_notices_the_law_has_not_settled_give_no_answer(unsettled: PossessionNotice) -> None:
    assert threatened_by_notice(date(2026, 5, 11), unsettled) is None


def test_threatened_if_either_test_is_met_and_unsettled_only_if_nothing_else_decides() -> None:
    unsettled = notice(NoticeKind.SECTION_21, date(2026, 5, 1), date(2026, 6, 30))
    settled = notice(NoticeKind.SECTION_8, date(2026, 5, 4), date(2026, 7, 1))
    assessed_on = date(2026, 5, 11)
    assert threatened_with_homelessness(assessed_on, likely_homeless_on=date(2026, 7, 6))
    assert threatened_with_homelessness(
        assessed_on, likely_homeless_on=None, notices=[unsettled, settled]
    )
    assert (
        threatened_with_homelessness(assessed_on, likely_homeless_on=None, notices=[unsettled])
        is None
    )
    assert threatened_with_homelessness(assessed_on, likely_homeless_on=date(2026, 9, 1)) is False
