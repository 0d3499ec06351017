"""Frozen views of a case's duties, decisions and clocks, and of every case's deadlines.

Plain values for the UI (the Duties tab, the Deadlines view) and the command line. The
engine's enums (Duty, DeadlineKind) travel as they are; each also comes with its plain label.
"""

import enum
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from hoclient.casework.case_events import NoticeKind, PlacementKind, Reviewer, ReviewOutcome
from hoclient.casework.case_history import DeadlineKind
from hoclient.casework.duties import Duty, MainDutyEnding, PreventionEnding, ReliefEnding


@dataclass(frozen=True, kw_only=True)
class DecisionInput:
    """A decision (or a fact, such as a notice to quit) as the officer records it.

    `what` is one of the duty engine's event types (hoclient.casework.case_events.EVENT_TYPES),
    and only the details that type needs are read: `reason` for the three `*_duty_ended`
    types; `priority_need`; `intentional`; `notice_kind` and `notice_expires_on` for a notice
    to quit; `refers_to_decision_id` (the decision reviewed, or for `review_decided` the review
    request) with `reviewer` or `outcome`; `placement` and `placement_kind` for placements (a
    new placement gets an id such as "P1" when none is given). A `NextAction.template` comes
    with `what` and its details filled in: the form adds the dates and reasons.
    """

    what: str
    decided_on: date
    notified_on: date | None = None  # None: notified the day it was decided
    reasons: str = ""  # required for a decision against the applicant
    reason: PreventionEnding | ReliefEnding | MainDutyEnding | None = None
    priority_need: bool | None = None
    intentional: bool | None = None
    notice_kind: NoticeKind | None = None
    notice_expires_on: date | None = None
    refers_to_decision_id: uuid.UUID | None = None
    reviewer: Reviewer | None = None
    outcome: ReviewOutcome | None = None
    placement: str | None = None
    placement_kind: PlacementKind | None = None


class DecisionStatus(enum.Enum):
    IN_HISTORY = "in the duty history"
    PENDING = "waiting for a second officer to authorise it"
    CORRECTED = "replaced by a correction"
    STRIKES_OUT = "strikes out an earlier record"


@dataclass(frozen=True)
class DecisionView:
    """One record on the case's timeline."""

    decision_id: uuid.UUID
    what: str  # the engine's event type; "struck_out" for a record that strikes one out
    label: str  # "Relief duty ended: refused a final offer"
    decided_on: date
    notified_on: date  # the day decided, unless recorded otherwise
    legal_basis: str | None  # "HA 1996 s189B(7)(c)"; None for a plain fact
    decided_by_id: uuid.UUID
    decided_by_name: str
    reasons: str | None
    status: DecisionStatus
    needs_authorisation: bool  # a second officer's authorisation is (or was) required
    authorised_by_name: str | None
    authorised_at: datetime | None
    corrects_decision_id: uuid.UUID | None
    correction_reason: str | None
    corrected_by_decision_id: uuid.UUID | None
    refers_to_decision_id: uuid.UUID | None  # a review's decision, or a decision's review
    recorded_at: datetime


@dataclass(frozen=True)
class ClockView:
    """A statutory clock of one case, on the view's day."""

    kind: DeadlineKind
    label: str  # "Relief: day 56"
    due_on: date  # the last day
    days_left: int  # negative once overdue
    overdue: bool
    due_soon: bool  # within DUE_SOON_DAYS days, and not overdue
    basis: str  # "HA 1996 s189B(4)"
    decision_id: uuid.UUID  # the record the clock runs from


@dataclass(frozen=True)
class NextAction:
    """A decision the law allows now: one button on the Duties tab."""

    # A stable machine id: "relief_duty_ended:refused_final_offer", "review_requested:<uuid>".
    action_id: str
    label: str  # "End the relief duty: refused a final offer"
    group: str  # "duty", "finding", "non-cooperation", "review", "placement", "fact"
    legal_basis: str | None
    template: DecisionInput  # `what` and its details filled in; decided_on is the view's day
    reasons_required: bool  # a decision against the applicant: reasons must be given
    needs_second_officer: bool  # it will wait for a senior officer's authorisation


@dataclass(frozen=True)
class DutyView:
    """The Duties tab of one case, on `as_of`."""

    case_id: uuid.UUID
    reference: str
    as_of: date
    duty: Duty
    duty_label: str  # "Relief duty"
    duty_basis: str | None  # "HA 1996 s189B(2)"
    duty_since: date | None
    priority_need: bool | None  # the latest decision; None before any
    intentionally_homeless: bool | None
    bed_and_breakfast_nights: int
    timeline: tuple[DecisionView, ...]  # every record, in duty-history order
    clocks: tuple[ClockView, ...]  # soonest first
    pending: tuple[DecisionView, ...]  # waiting for a second officer
    next_actions: tuple[NextAction, ...]
    # Set when the stored records do not replay (only possible after records from two laptops
    # are merged): the engine's reason. duty is then NONE and there are no clocks or actions.
    problem: str | None


@dataclass(frozen=True)
class DeadlineRow:
    """A line of the Deadlines view: one clock of one case."""

    case_id: uuid.UUID
    reference: str
    applicant_name: str
    kind: DeadlineKind
    label: str
    due_on: date
    days_left: int
    overdue: bool
    due_soon: bool
    basis: str
    officer_id: uuid.UUID | None
    officer_name: str | None
    decision_id: uuid.UUID
