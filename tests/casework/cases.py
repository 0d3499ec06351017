"""Case histories that reach each duty, for the tests of the duty engine."""

from dataclasses import dataclass
from datetime import date, timedelta

from hoclient.casework.case_events import (
    Application,
    CaseEvent,
    CaseHistory,
    Household,
    IntentionalityDecided,
    MainDutyAccepted,
    MainDutyEnded,
    NonCooperationNotice,
    NotEligible,
    PreventionDutyAccepted,
    PreventionDutyEnded,
    PriorityNeedDecided,
    RelevantWarning,
    ReliefDutyAccepted,
    ReliefDutyEnded,
)
from hoclient.casework.duties import MainDutyEnding, PreventionEnding, ReliefEnding

FIRST_DAY = date(2026, 3, 2)  # a Monday; day 56 is Sun 26 Apr 2026


def day(n: int) -> date:
    """Day n of the case, counting the application day as day 0."""
    return FIRST_DAY + timedelta(days=n)


def history(*events: CaseEvent, household: Household | None = None) -> CaseHistory:
    return CaseHistory(household or Household(), tuple(events))


@dataclass(frozen=True)
class Reached:
    """A history that leaves the case in one state, and the next day something may happen."""

    events: tuple[CaseEvent, ...]
    next_on: date


APPLIED = Application(on=day(0))

REACHED = {
    "none": Reached((APPLIED,), day(1)),
    # A relevant warning changes no duty; it lets the table try a s193B notice.
    "prevention": Reached(
        (APPLIED, PreventionDutyAccepted(on=day(0)), RelevantWarning(on=day(0))), day(1)
    ),
    "relief": Reached((APPLIED, ReliefDutyAccepted(on=day(0)), RelevantWarning(on=day(0))), day(1)),
    # s189B(4): relief ends by itself at the end of day 56; main is owed from day 56 (0-based).
    "main": Reached(
        (
            APPLIED,
            ReliefDutyAccepted(on=day(0)),
            PriorityNeedDecided(on=day(0), priority_need=True),
            IntentionalityDecided(on=day(0), intentional=False),
        ),
        day(60),
    ),
    "s190": Reached(
        (
            APPLIED,
            ReliefDutyAccepted(on=day(0)),
            PriorityNeedDecided(on=day(5), priority_need=True),
            IntentionalityDecided(on=day(5), intentional=True),
            ReliefDutyEnded(on=day(10), reason=ReliefEnding.REFUSED_SUITABLE_OFFER),
        ),
        day(11),
    ),
    "s193c": Reached(
        (
            APPLIED,
            ReliefDutyAccepted(on=day(0)),
            PriorityNeedDecided(on=day(5), priority_need=True),
            IntentionalityDecided(on=day(5), intentional=False),
            RelevantWarning(on=day(5)),
            NonCooperationNotice(on=day(20)),
        ),
        day(21),
    ),
    "no_duty": Reached((APPLIED, NotEligible(on=day(0))), day(1)),
    "ended after prevention": Reached(
        (
            APPLIED,
            PreventionDutyAccepted(on=day(0)),
            PreventionDutyEnded(on=day(5), reason=PreventionEnding.WITHDRAWN),
        ),
        day(6),
    ),
    "ended after relief": Reached(
        (
            APPLIED,
            ReliefDutyAccepted(on=day(0)),
            ReliefDutyEnded(on=day(5), reason=ReliefEnding.WITHDRAWN),
        ),
        day(6),
    ),
    "ended after main": Reached(
        (
            APPLIED,
            ReliefDutyAccepted(on=day(0)),
            ReliefDutyEnded(on=day(5), reason=ReliefEnding.SUITABLE_ACCOMMODATION),
            PriorityNeedDecided(on=day(6), priority_need=True),
            IntentionalityDecided(on=day(6), intentional=False),
            MainDutyAccepted(on=day(6)),
            MainDutyEnded(on=day(10), reason=MainDutyEnding.ACCEPTED_PART6_OFFER),
        ),
        day(11),
    ),
}
