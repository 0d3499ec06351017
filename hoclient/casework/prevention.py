"""The prevention duty, s195: reasonable steps to help a threatened applicant keep a home."""

from collections.abc import Iterable
from datetime import date, timedelta

from hoclient.casework import clocks
from hoclient.casework.case_events import NoticeKind
from hoclient.casework.unverified import SECTION_195_6_COVERS_SECTION_8_NOTICES

PREVENTION_PERIOD_BASIS = "HA 1996 s195(8)(b)"


def notices_that_bar_the_fifty_six_day_ground() -> frozenset[NoticeKind]:
    """s195(6): while the threat comes from a valid s21 notice, "complied and 56 days" is no
    ground for ending prevention; another ground is needed, typically (c), became homeless."""
    if SECTION_195_6_COVERS_SECTION_8_NOTICES:
        return frozenset({NoticeKind.SECTION_21, NoticeKind.SECTION_8})
    return frozenset({NoticeKind.SECTION_21})


def fifty_six_day_ground_unavailable(
    first_satisfied_on: date, notice_on: date, notices_served: Iterable[NoticeKind]
) -> str | None:
    """Why prevention cannot end on "complied and 56 days" (s195(8)(b)); None when it can."""
    barring = notices_that_bar_the_fifty_six_day_ground()
    served = sorted({kind.value for kind in notices_served if kind in barring})
    if served:
        return (
            f"a {' and a '.join(served)} notice has been served, so prevention cannot end on "
            "'56 days passed and duty complied with' (HA 1996 s195(6)); end it on another ground"
        )
    last_day = clocks.prevention_period_last_day(first_satisfied_on)
    if notice_on <= last_day:
        return (
            f"the 56 days of prevention beginning with {first_satisfied_on.isoformat()} "
            f"run to {last_day.isoformat()}: this ground is available from "
            f"{(last_day + timedelta(days=1)).isoformat()} (HA 1996 s195(8)(b))"
        )
    return None
