"""What happens on a case, in order: the facts and decisions a duty history is replayed from.

Every event has the day it happened (`on`) and the day the applicant was told of it
(`notified_on`, the same day unless recorded otherwise). A case's history is append-only: a
correction or a review is a new event that points at an earlier one by its index (from 0).
"""

import enum
from dataclasses import dataclass, field
from datetime import date

from hoclient.casework.duties import MainDutyEnding, PreventionEnding, ReliefEnding
from hoclient.casework.identity import age_on

ADULT_AGE_YEARS = 18


class NoticeKind(enum.Enum):
    """A landlord's notice to quit (Housing Act 1988 s21 or s8), or any other notice."""

    SECTION_21 = "section_21"
    SECTION_8 = "section_8"
    OTHER = "other"


class Reviewer(enum.Enum):
    """Who decides a s202 review; it sets the review's length (SI 2018/223 reg 9)."""

    OFFICER = "officer"
    JOINT_REFERRAL = "joint_referral"  # the notifying and notified councils together
    APPOINTED_PERSON = "appointed_person"  # reg 6: the councils cannot agree


class ReviewOutcome(enum.Enum):
    UPHELD = "upheld"
    OVERTURNED = "overturned"


class PlacementKind(enum.Enum):
    BED_AND_BREAKFAST = "bed_and_breakfast"  # in law: SI 2003/3326 art 2
    HOSTEL = "hostel"
    SELF_CONTAINED = "self_contained"
    OTHER = "other"


@dataclass(frozen=True, kw_only=True)
class CaseEvent:
    on: date
    notified_on: date | None = None  # None: notified the day it happened

    @property
    def notified(self) -> date:
        return self.notified_on or self.on


@dataclass(frozen=True, kw_only=True)
class Application(CaseEvent):
    """s183(1): someone asks for help and may be homeless or threatened."""


@dataclass(frozen=True, kw_only=True)
class NoticeToQuit(CaseEvent):
    kind: NoticeKind
    expires_on: date  # for a s8 notice, the date it specifies


@dataclass(frozen=True, kw_only=True)
class NotEligible(CaseEvent):
    """s184 decision: shut out by s185 or s186."""


@dataclass(frozen=True, kw_only=True)
class NoDuty(CaseEvent):
    """s184 decision: neither homeless nor threatened with homelessness within 56 days."""


@dataclass(frozen=True, kw_only=True)
class PreventionDutyAccepted(CaseEvent):
    """s195(1): satisfied the applicant is threatened with homelessness and eligible."""


@dataclass(frozen=True, kw_only=True)
class PreventionDutyEnded(CaseEvent):
    reason: PreventionEnding


@dataclass(frozen=True, kw_only=True)
class ReliefDutyAccepted(CaseEvent):
    """s189B(1): satisfied the applicant is homeless and eligible."""


@dataclass(frozen=True, kw_only=True)
class ReliefDutyEnded(CaseEvent):
    reason: ReliefEnding


@dataclass(frozen=True, kw_only=True)
class PriorityNeedDecided(CaseEvent):
    priority_need: bool


@dataclass(frozen=True, kw_only=True)
class IntentionalityDecided(CaseEvent):
    intentional: bool


@dataclass(frozen=True, kw_only=True)
class RelevantWarning(CaseEvent):
    """s193B(4)-(5): a further refusal to co-operate will lead to a notice."""


@dataclass(frozen=True, kw_only=True)
class NonCooperationNotice(CaseEvent):
    """s193B(2): deliberate and unreasonable refusal to co-operate, after a warning."""


@dataclass(frozen=True, kw_only=True)
class MainDutyAccepted(CaseEvent):
    """s193(1): the s184 decision that the main duty is owed."""


@dataclass(frozen=True, kw_only=True)
class MainDutyEnded(CaseEvent):
    reason: MainDutyEnding


@dataclass(frozen=True, kw_only=True)
class ReviewRequested(CaseEvent):
    of: int  # index of the event whose decision is reviewed
    reviewer: Reviewer


@dataclass(frozen=True, kw_only=True)
class ReviewDecided(CaseEvent):
    of: int  # index of the ReviewRequested event
    outcome: ReviewOutcome


@dataclass(frozen=True, kw_only=True)
class PlacementStarted(CaseEvent):
    placement: str
    kind: PlacementKind


@dataclass(frozen=True, kw_only=True)
class PlacementEnded(CaseEvent):
    placement: str
    kind: PlacementKind | None = None  # None: the kind it started as


# The event's name in the hoclient.case-history/1 format.
EVENT_TYPES: dict[str, type[CaseEvent]] = {
    "application": Application,
    "notice_to_quit": NoticeToQuit,
    "not_eligible": NotEligible,
    "no_duty": NoDuty,
    "prevention_duty_accepted": PreventionDutyAccepted,
    "prevention_duty_ended": PreventionDutyEnded,
    "relief_duty_accepted": ReliefDutyAccepted,
    "relief_duty_ended": ReliefDutyEnded,
    "priority_need_decided": PriorityNeedDecided,
    "intentionality_decided": IntentionalityDecided,
    "relevant_warning": RelevantWarning,
    "non_cooperation_notice": NonCooperationNotice,
    "main_duty_accepted": MainDutyAccepted,
    "main_duty_ended": MainDutyEnded,
    "review_requested": ReviewRequested,
    "review_decided": ReviewDecided,
    "placement_started": PlacementStarted,
    "placement_ended": PlacementEnded,
}
_TYPE_NAMES = {event_class: name for name, event_class in EVENT_TYPES.items()}


def event_type_name(event: CaseEvent) -> str:
    return _TYPE_NAMES[type(event)]


def legal_basis(event: CaseEvent) -> str | None:
    """The section an event is made under, for the case's timeline; None for a plain fact."""
    match event:
        case PreventionDutyEnded(reason=reason) | ReliefDutyEnded(reason=reason):
            return reason.basis
        case MainDutyEnded(reason=reason):
            return reason.basis
    return _BASIS.get(type(event))


_BASIS: dict[type[CaseEvent], str] = {
    Application: "HA 1996 s183(1)",
    NotEligible: "HA 1996 s185",
    NoDuty: "HA 1996 s184(3)",
    PreventionDutyAccepted: "HA 1996 s195(1)",
    ReliefDutyAccepted: "HA 1996 s189B(1)",
    PriorityNeedDecided: "HA 1996 s189(1)",
    IntentionalityDecided: "HA 1996 s191",
    RelevantWarning: "HA 1996 s193B(4)",
    NonCooperationNotice: "HA 1996 s193B(2)",
    MainDutyAccepted: "HA 1996 s193(1)",
    ReviewRequested: "HA 1996 s202(1)",
    ReviewDecided: "SI 2018/223 reg 9",
}


@dataclass(frozen=True)
class HouseholdMember:
    """Someone who lives, or might reasonably live, with the applicant (s176)."""

    relationship: str | None = None
    born_on: date | None = None
    pregnant: bool = False

    def is_child_on(self, day: date) -> bool:
        # Born, and not yet 18: a baby due after `day` is counted through the pregnancy.
        return (
            self.born_on is not None
            and self.born_on <= day
            and (age_on(self.born_on, day) < ADULT_AGE_YEARS)
        )


@dataclass(frozen=True)
class Household:
    applicant: HouseholdMember = field(default_factory=HouseholdMember)
    members: tuple[HouseholdMember, ...] = ()

    def has_pregnant_member(self) -> bool:
        return self.applicant.pregnant or any(member.pregnant for member in self.members)

    def has_child_other_than_the_applicant_on(self, day: date) -> bool:
        return any(member.is_child_on(day) for member in self.members)


@dataclass(frozen=True)
class CaseHistory:
    household: Household
    events: tuple[CaseEvent, ...]
