"""Reviews (s202) and appeals (s204): which decisions, and how long each side has.

s202(1) lists the reviewable decisions (domain/duties.md §12); SI 2018/223 reg 9 sets how long
the reviewer has, by what is reviewed (domain/clocks.md §3).
"""

import enum
from datetime import date

from hoclient.casework import clocks
from hoclient.casework.case_events import (
    CaseEvent,
    IntentionalityDecided,
    MainDutyAccepted,
    MainDutyEnded,
    NoDuty,
    NonCooperationNotice,
    NotEligible,
    PlacementStarted,
    PreventionDutyAccepted,
    PreventionDutyEnded,
    PriorityNeedDecided,
    ReliefDutyAccepted,
    ReliefDutyEnded,
    ReviewDecided,
    Reviewer,
    ReviewRequested,
)
from hoclient.casework.duties import Duty, PreventionEnding

REVIEW_REQUEST_BASIS = "HA 1996 s202(3)"
APPEAL_BASIS = "HA 1996 s204(2)"


class ReviewPeriod(enum.Enum):
    """How long the reviewer has, in weeks beginning with the request day (reg 9(1))."""

    THREE_WEEKS = (3, "SI 2018/223 reg 9(1)(a)")  # prevention steps and endings
    EIGHT_WEEKS = (8, "SI 2018/223 reg 9(1)(b)")  # everything else
    TEN_WEEKS = (10, "SI 2018/223 reg 9(1)(c)")  # referral conditions, both councils
    TWELVE_WEEKS = (12, "SI 2018/223 reg 9(1)(d)")  # an appointed person (reg 6)

    def __init__(self, weeks: int, basis: str) -> None:
        self.weeks = weeks
        self.basis = basis

    def decision_due(self, requested_on: date) -> date:
        return clocks.review_decision_due(requested_on, self.weeks)


def review_period_for(
    reviewed: CaseEvent, *, duty_when_given: Duty, reviewer: Reviewer
) -> ReviewPeriod:
    """The reg 9 period for a review of `reviewed`, given while `duty_when_given` was owed."""
    if reviewer is Reviewer.APPOINTED_PERSON:
        return ReviewPeriod.TWELVE_WEEKS
    if reviewer is Reviewer.JOINT_REFERRAL:
        return ReviewPeriod.TEN_WEEKS
    # s202(1)(bc): a notice ending prevention; (bb): a s193B notice that ended prevention.
    ended_prevention = isinstance(reviewed, PreventionDutyEnded) or (
        isinstance(reviewed, NonCooperationNotice) and duty_when_given is Duty.PREVENTION
    )
    return ReviewPeriod.THREE_WEEKS if ended_prevention else ReviewPeriod.EIGHT_WEEKS


def is_adverse(decision: CaseEvent) -> bool:
    """A decision against the applicant, whose notice must state the right to a review.

    A prevention duty ended because the applicant became homeless leads on to relief, so
    issue 4 gives it no review clock; the applicant may still ask for one.
    """
    match decision:
        case NotEligible() | NoDuty() | ReliefDutyEnded() | NonCooperationNotice():
            return True
        case MainDutyEnded():
            return True
        case PreventionDutyEnded(reason=reason):
            return reason is not PreventionEnding.BECAME_HOMELESS
        case PriorityNeedDecided(priority_need=priority_need):
            return not priority_need
        case IntentionalityDecided(intentional=intentional):
            return intentional
    return False


# Accommodation secured under these duties is offered "in discharge" of them, so its
# suitability is reviewable (s202(1)(f)); interim accommodation under s188 is not.
_DUTIES_WHOSE_ACCOMMODATION_IS_REVIEWABLE = frozenset({Duty.MAIN, Duty.S190, Duty.S193C})


def not_reviewable_because(reviewed: CaseEvent, *, duty_when_given: Duty) -> str | None:
    """Why a s202 review of `reviewed` cannot be asked for; None when it can."""
    match reviewed:
        case (
            NotEligible()
            | NoDuty()
            | PreventionDutyAccepted()
            | PreventionDutyEnded()
            | ReliefDutyAccepted()
            | ReliefDutyEnded()
            | PriorityNeedDecided()
            | IntentionalityDecided()
            | NonCooperationNotice()
            | MainDutyAccepted()
            | MainDutyEnded()
        ):
            return None
        case PlacementStarted() if duty_when_given in _DUTIES_WHOSE_ACCOMMODATION_IS_REVIEWABLE:
            return None
        case PlacementStarted():
            return (
                "interim accommodation is not a decision s202(1) lists; "
                "it is challenged by judicial review"
            )
        case ReviewRequested() | ReviewDecided():
            return "there is no review of a review (s202(2))"
    return "it is not a decision s202(1) lists"
