"""Threatened with homelessness within 56 days: HA 1996 s175(4)-(5).

s175(4): likely to become homeless within 56 days. s175(5): a valid notice on the only
accommodation available to the applicant ends within 56 days. Before the Renters' Rights Act
2025 that is a Housing Act 1988 s21 notice that will expire; from 1 May 2026 s175(5) as
rewritten by Sch 1 para 48 counts a s8 notice whose specified date falls within 56 days. The
commencement date and the rewriting are unverified; where the law for a notice is UNKNOWN
(domain/duties.md §4) the answer is None: decide under s175(4) and take legal advice.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from hoclient.casework import clocks
from hoclient.casework.case_events import NoticeKind
from hoclient.casework.unverified import RENTERS_RIGHTS_ACT_2025_COMMENCES_ON


@dataclass(frozen=True)
class PossessionNotice:
    kind: NoticeKind
    served_on: date
    ends_on: date  # when a s21 notice expires; the date a s8 notice specifies
    valid: bool  # the officer's finding
    on_the_only_accommodation: bool  # available for the applicant's occupation


def threatened_by_likely_homelessness(assessed_on: date, likely_homeless_on: date) -> bool:
    """s175(4): assessed on Mon 2 Mar 2026, threatened if likely homeless by Mon 27 Apr 2026."""
    return likely_homeless_on <= clocks.threatened_if_homeless_by(assessed_on)


def threatened_by_notice(assessed_on: date, notice: PossessionNotice) -> bool | None:
    """s175(5) for one notice; None where the law for this notice is UNKNOWN.

    Issue 4 reads the Renters' Rights Act 2025 by the day the notice was served: s21 notices
    served up to 30 April 2026 count, s8 notices served from 1 May 2026 count. A s21 notice
    served from 1 May 2026 (social landlords may keep s21 until 2027) and a s8 notice served
    earlier but assessed after commencement are not settled.
    """
    if notice.kind is NoticeKind.OTHER or not (notice.valid and notice.on_the_only_accommodation):
        return False
    served_before_the_act = notice.served_on < RENTERS_RIGHTS_ACT_2025_COMMENCES_ON
    if notice.kind is NoticeKind.SECTION_21:
        covered: bool | None = True if served_before_the_act else None
    elif assessed_on < RENTERS_RIGHTS_ACT_2025_COMMENCES_ON:
        covered = False  # s175(5) before the Act speaks of s21 notices only
    else:
        covered = None if served_before_the_act else True
    if not covered:
        return covered
    return notice.ends_on <= clocks.threatened_if_homeless_by(assessed_on)


def threatened_with_homelessness(
    assessed_on: date,
    *,
    likely_homeless_on: date | None,
    notices: Iterable[PossessionNotice] = (),
) -> bool | None:
    """True if s175(4) or s175(5) is met; None if only an unsettled notice could meet it."""
    if likely_homeless_on is not None and threatened_by_likely_homelessness(
        assessed_on, likely_homeless_on
    ):
        return True
    findings = [threatened_by_notice(assessed_on, notice) for notice in notices]
    if True in findings:
        return True
    return None if None in findings else False
