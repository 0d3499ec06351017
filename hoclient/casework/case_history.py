"""A case's duty history, replayed: which duty is owed on a day, since when, and every clock.

The history is the case's append-only record of events (case_events.py). `replay` applies them
in order through one state machine, refusing any the Act does not allow from the state reached;
the services layer replays a case's decision records through it, and `legal_next_decisions`
asks it which decisions the law allows now.
"""

import enum
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from hoclient.casework import clocks, prevention, relief
from hoclient.casework.bed_and_breakfast import (
    BED_AND_BREAKFAST_BASIS,
    BedAndBreakfastStay,
    has_family_commitments,
    must_have_left_by,
    nights_used,
)
from hoclient.casework.case_events import (
    Application,
    CaseEvent,
    CaseHistory,
    Household,
    IntentionalityDecided,
    MainDutyAccepted,
    MainDutyEnded,
    NoDuty,
    NonCooperationNotice,
    NotEligible,
    NoticeKind,
    NoticeToQuit,
    PlacementEnded,
    PlacementKind,
    PlacementStarted,
    PreventionDutyAccepted,
    PreventionDutyEnded,
    PriorityNeedDecided,
    RelevantWarning,
    ReliefDutyAccepted,
    ReliefDutyEnded,
    ReviewDecided,
    Reviewer,
    ReviewOutcome,
    ReviewRequested,
    event_type_name,
)
from hoclient.casework.duties import (
    RELIEF_ENDINGS_AFTER_WHICH_S190_MAY_FOLLOW,
    Duty,
    MainDutyEnding,
    PreventionEnding,
    ReliefEnding,
)
from hoclient.casework.main_duty import main_duty_conditions_unmet
from hoclient.casework.non_cooperation import (
    duty_after_non_cooperation_notice,
    non_cooperation_notice_unavailable,
)
from hoclient.casework.reviews import (
    APPEAL_BASIS,
    REVIEW_REQUEST_BASIS,
    ReviewPeriod,
    is_adverse,
    not_reviewable_because,
    review_period_for,
)


class CaseworkRefusal(Exception):
    """The history is invalid, or asks for a transition the law does not allow.

    `index` is the event's place in the history, from 0; None when no one event is at fault.
    """

    def __init__(self, index: int | None, reason: str) -> None:
        super().__init__(index, reason)
        self.index = index
        self.reason = reason

    def __str__(self) -> str:
        return self.reason if self.index is None else f"event {self.index}: {self.reason}"


class DeadlineKind(enum.Enum):
    PREVENTION_PERIOD_END = "prevention_period_end"
    RELIEF_PERIOD_END = "relief_period_end"
    REVIEW_REQUEST_BY = "review_request_by"
    REVIEW_DECISION_BY = "review_decision_by"
    APPEAL_BY = "appeal_by"
    BED_AND_BREAKFAST_LIMIT = "bed_and_breakfast_limit"


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due_on: date  # the last day, overdue or not
    basis: str
    event: int  # index of the event the clock runs from


@dataclass(frozen=True)
class DutyState:
    as_of: date
    duty: Duty
    duty_since: date | None
    bed_and_breakfast_nights: int
    deadlines: tuple[Deadline, ...]
    priority_need: bool | None  # the latest decision; None before any
    intentionally_homeless: bool | None


def replay(
    history: CaseHistory,
    as_of: date | None = None,
    *,
    reasonable_period_after_warning: timedelta | None = None,
) -> DutyState:
    """The duty state on `as_of` (default: the day of the last event).

    Events after `as_of` are ignored, though the whole history must be well formed. Raises
    CaseworkRefusal naming the first event that is out of place or not allowed by law.
    """
    _check_well_formed(history)
    events = history.events
    as_of = events[-1].on if as_of is None else as_of
    if as_of < events[0].on:
        raise CaseworkRefusal(
            None,
            f"as of {as_of.isoformat()} there is no case yet: "
            f"the application (event 0) is dated {events[0].on.isoformat()}",
        )
    case = _Case(reasonable_period_after_warning)
    for index, event in enumerate(events):
        if event.on > as_of:
            break
        case.apply(index, event)
    return case.state_on(as_of, history.household)


def legal_next_decisions(
    history: CaseHistory,
    on: date,
    *,
    reasonable_period_after_warning: timedelta | None = None,
) -> tuple[CaseEvent, ...]:
    """Every decision the law allows on `on`, after the whole history, as events to fill in.

    Each is tried through the same state machine as `replay`, so the buttons an officer sees
    are exactly the transitions replay accepts. A review request is offered with an officer as
    reviewer and a review decision as upheld: neither choice changes whether it is allowed.
    Facts (notices to quit, placements starting) can always be recorded and are not listed.
    """
    _check_well_formed(history)
    if on < history.events[-1].on:
        return ()
    case = _Case(reasonable_period_after_warning)
    for index, event in enumerate(history.events):
        case.apply(index, event)
    legal = []
    for candidate in _candidate_decisions(history, on):
        trial = case.copy()
        try:
            trial.apply(len(history.events), candidate)
        except CaseworkRefusal:
            continue
        legal.append(candidate)
    return tuple(legal)


def _candidate_decisions(history: CaseHistory, on: date) -> list[CaseEvent]:
    events = history.events
    candidates: list[CaseEvent] = [
        NotEligible(on=on),
        NoDuty(on=on),
        PreventionDutyAccepted(on=on),
        *(PreventionDutyEnded(on=on, reason=reason) for reason in PreventionEnding),
        ReliefDutyAccepted(on=on),
        *(ReliefDutyEnded(on=on, reason=reason) for reason in ReliefEnding),
        PriorityNeedDecided(on=on, priority_need=True),
        PriorityNeedDecided(on=on, priority_need=False),
        IntentionalityDecided(on=on, intentional=False),
        IntentionalityDecided(on=on, intentional=True),
        RelevantWarning(on=on),
        NonCooperationNotice(on=on),
        MainDutyAccepted(on=on),
        *(MainDutyEnded(on=on, reason=reason) for reason in MainDutyEnding),
    ]
    candidates += [
        ReviewRequested(on=on, of=i, reviewer=Reviewer.OFFICER) for i in range(len(events))
    ]
    candidates += [
        ReviewDecided(on=on, of=i, outcome=ReviewOutcome.UPHELD)
        for i, event in enumerate(events)
        if isinstance(event, ReviewRequested)
    ]
    started = {event.placement for event in events if isinstance(event, PlacementStarted)}
    candidates += [PlacementEnded(on=on, placement=placement) for placement in sorted(started)]
    return candidates


def _check_well_formed(history: CaseHistory) -> None:
    """Order and references, over the whole history (also after `as_of`)."""
    events = history.events
    if not events:
        raise CaseworkRefusal(None, "a case history needs at least its application")
    if not isinstance(events[0], Application):
        raise CaseworkRefusal(0, "a case history begins with the application")
    for index, event in enumerate(events):
        if index and isinstance(event, Application):
            raise CaseworkRefusal(
                index,
                "a case history holds one application (event 0); a new application is a new case",
            )
        if event.notified < event.on:
            raise CaseworkRefusal(
                index,
                f"notified on {event.notified.isoformat()}, before it happened "
                f"on {event.on.isoformat()}",
            )
        if index and event.on < events[index - 1].on:
            raise CaseworkRefusal(
                index,
                f"dated {event.on.isoformat()}, before event {index - 1} "
                f"({events[index - 1].on.isoformat()}): events must be in date order",
            )
        if isinstance(event, ReviewRequested | ReviewDecided):
            _check_reference(events, index, event)


def _check_reference(
    events: tuple[CaseEvent, ...], index: int, event: ReviewRequested | ReviewDecided
) -> None:
    if not 0 <= event.of < index:
        raise CaseworkRefusal(
            index,
            f"'of' must be the index of an earlier event (0 to {index - 1}), not {event.of}",
        )
    if isinstance(event, ReviewDecided) and not isinstance(events[event.of], ReviewRequested):
        raise CaseworkRefusal(
            index,
            f"'of' must be the index of a review_requested event; event {event.of} is "
            f"{event_type_name(events[event.of])}",
        )


@dataclass
class _Review:
    requested_at: int
    of: int
    period: ReviewPeriod
    requested_on: date
    decided_at: int | None = None
    decision: ReviewDecided | None = None


@dataclass
class _Placement:
    started_at: int
    kind: PlacementKind
    arrived_on: date


@dataclass
class _Case:
    """The state machine. One instance replays one history, event by event."""

    reasonable_period_after_warning: timedelta | None
    duty: Duty = Duty.NONE
    duty_since: date | None = None
    duty_began_at: int | None = None  # the event that began prevention or relief
    duty_that_ended: Duty | None = None  # which duty `ENDED` came from
    relief_day_56_passed: bool = False
    relief_ended_by_itself_on: date | None = None
    priority_need: bool | None = None
    intentionally_homeless: bool | None = None
    notices_served: list[NoticeKind] = field(default_factory=list)
    warned_on: list[date] = field(default_factory=list)  # during the duty now owed
    duty_when_given: list[Duty] = field(default_factory=list)  # per event applied
    applied: list[CaseEvent] = field(default_factory=list)
    reviews: dict[int, _Review] = field(default_factory=dict)
    open_placements: dict[str, _Placement] = field(default_factory=dict)
    stays_ended: list[BedAndBreakfastStay] = field(default_factory=list)

    def copy(self) -> "_Case":
        """A case to try a decision on, leaving this one as it was."""
        return replace(
            self,
            notices_served=list(self.notices_served),
            warned_on=list(self.warned_on),
            duty_when_given=list(self.duty_when_given),
            applied=list(self.applied),
            reviews={index: replace(review) for index, review in self.reviews.items()},
            open_placements=dict(self.open_placements),
            stays_ended=list(self.stays_ended),
        )

    def apply(self, index: int, event: CaseEvent) -> None:
        self._advance_to(event.on)
        duty_before = self.duty
        self._transition(index, event)
        self.applied.append(event)
        self.duty_when_given.append(duty_before)

    def _advance_to(self, day: date) -> None:
        """Let the Act's own clock act before anything happens on `day` (s189B(4))."""
        if self.duty is not Duty.RELIEF or self.relief_day_56_passed:
            return
        assert self.duty_since is not None
        last_day = clocks.relief_period_last_day(self.duty_since)
        if day <= last_day:
            return
        # Every event up to the end of day 56 has been applied, and none after it: the
        # findings in force now are those in force when the period ended.
        self.relief_day_56_passed = True
        if relief.relief_duty_ends_automatically(
            self.duty_since,
            priority_need=self.priority_need,
            intentionally_homeless=self.intentionally_homeless,
        ):
            self._owe(Duty.MAIN, since=last_day + timedelta(days=1))
            self.relief_ended_by_itself_on = last_day

    def _owe(self, duty: Duty, *, since: date, began_at: int | None = None) -> None:
        if duty is Duty.ENDED:
            self.duty_that_ended = self.duty
        self.duty, self.duty_since, self.duty_began_at = duty, since, began_at
        self.warned_on = []
        self.relief_day_56_passed = False
        self.relief_ended_by_itself_on = None

    def _refuse_unless_owed(self, index: int, event: CaseEvent, *allowed: Duty) -> None:
        if self.duty in allowed:
            return
        owed = " or ".join(duty.value for duty in allowed)
        raise CaseworkRefusal(
            index,
            f"{event_type_name(event)} is allowed only while the duty is {owed}; "
            f"{self._duty_now_in_words()}",
        )

    def _duty_now_in_words(self) -> str:
        if self.duty is Duty.NONE:
            return "no duty has been decided yet"
        since = self.duty_since.isoformat() if self.duty_since else "?"
        if self.relief_ended_by_itself_on is not None:
            return (
                f"relief ended by itself at the end of day 56, "
                f"{self.relief_ended_by_itself_on.isoformat()}, and the main duty is owed "
                f"from {since} (HA 1996 s189B(4))"
            )
        if self.duty is Duty.ENDED:
            return f"every duty ended on {since}"
        if self.duty is Duty.NO_DUTY:
            return f"no duty is owed since {since}"
        return f"the {self.duty.value} duty is owed since {since}"

    def _transition(self, index: int, event: CaseEvent) -> None:
        match event:
            case Application():
                pass  # the case begins: inquiries under s184 (event 0, checked as well formed)
            case NoticeToQuit(kind=kind):
                self.notices_served.append(kind)
            case NotEligible() | NoDuty():
                # T2/T3: a s184 decision that no duty is owed comes before any duty.
                self._refuse_unless_owed(index, event, Duty.NONE)
                self._owe(Duty.NO_DUTY, since=event.on)
            case PreventionDutyAccepted():
                self._refuse_unless_owed(index, event, Duty.NONE)
                self._owe(Duty.PREVENTION, since=event.on, began_at=index)
            case PreventionDutyEnded(reason=reason):
                self._end_prevention(index, event, reason)
            case ReliefDutyAccepted():
                self._accept_relief(index, event)
            case ReliefDutyEnded(reason=reason):
                self._end_relief(index, event, reason)
            case PriorityNeedDecided(priority_need=priority_need):
                self.priority_need = priority_need  # the latest decision counts
            case IntentionalityDecided(intentional=intentional):
                self.intentionally_homeless = intentional
            case RelevantWarning():
                self._refuse_unless_owed(index, event, Duty.PREVENTION, Duty.RELIEF)
                self.warned_on.append(event.on)
            case NonCooperationNotice():
                self._give_non_cooperation_notice(index, event)
            case MainDutyAccepted():
                self._accept_main_duty(index, event)
            case MainDutyEnded():
                self._refuse_unless_owed(index, event, Duty.MAIN)
                self._owe(Duty.ENDED, since=event.on)
            case ReviewRequested():
                self._request_review(index, event)
            case ReviewDecided():
                self._decide_review(index, event)
            case PlacementStarted():
                self._start_placement(index, event)
            case PlacementEnded():
                self._end_placement(index, event)

    def _end_prevention(
        self, index: int, event: PreventionDutyEnded, reason: PreventionEnding
    ) -> None:
        self._refuse_unless_owed(index, event, Duty.PREVENTION)
        assert self.duty_since is not None
        if reason is PreventionEnding.FIFTY_SIX_DAYS_COMPLIED and (
            problem := prevention.fifty_six_day_ground_unavailable(
                self.duty_since, event.on, self.notices_served
            )
        ):
            raise CaseworkRefusal(index, problem)
        self._owe(Duty.ENDED, since=event.on)

    def _accept_relief(self, index: int, event: ReliefDutyAccepted) -> None:
        # Relief follows prevention when the applicant becomes homeless: accepting it ends
        # prevention that day (s195(8)(c)), and it may follow a prevention duty already ended.
        after_prevention = self.duty is Duty.ENDED and self.duty_that_ended is Duty.PREVENTION
        if not (after_prevention or self.duty in (Duty.NONE, Duty.PREVENTION)):
            raise CaseworkRefusal(
                index,
                "relief_duty_accepted is allowed only before any duty, while prevention is owed "
                f"or once prevention has ended; {self._duty_now_in_words()}",
            )
        self._owe(Duty.RELIEF, since=event.on, began_at=index)

    def _end_relief(self, index: int, event: ReliefDutyEnded, reason: ReliefEnding) -> None:
        self._refuse_unless_owed(index, event, Duty.RELIEF)
        assert self.duty_since is not None
        if reason is ReliefEnding.FIFTY_SIX_DAYS_COMPLIED and (
            problem := relief.fifty_six_day_ground_unavailable(self.duty_since, event.on)
        ):
            raise CaseworkRefusal(index, problem)
        # D2: intentionally homeless and in priority need once relief has ended. After a
        # refused final offer s193A(3) rules out s190 and s193 alike.
        if (
            reason in RELIEF_ENDINGS_AFTER_WHICH_S190_MAY_FOLLOW
            and self.priority_need is True
            and self.intentionally_homeless is True
        ):
            self._owe(Duty.S190, since=event.on)
        else:
            self._owe(Duty.ENDED, since=event.on)

    def _give_non_cooperation_notice(self, index: int, event: NonCooperationNotice) -> None:
        if problem := non_cooperation_notice_unavailable(
            duty=self.duty,
            warned_on=self.warned_on,
            notice_on=event.on,
            reasonable_period=self.reasonable_period_after_warning,
        ):
            raise CaseworkRefusal(index, f"{problem}; {self._duty_now_in_words()}")
        following = duty_after_non_cooperation_notice(
            self.duty,
            priority_need=self.priority_need,
            intentionally_homeless=self.intentionally_homeless,
        )
        self._owe(following, since=event.on)

    def _accept_main_duty(self, index: int, event: MainDutyAccepted) -> None:
        self._refuse_unless_owed(index, event, Duty.RELIEF, Duty.ENDED, Duty.MAIN)
        if problem := main_duty_conditions_unmet(
            priority_need=self.priority_need,
            intentionally_homeless=self.intentionally_homeless,
        ):
            raise CaseworkRefusal(index, problem)
        if self.duty is Duty.MAIN:
            return  # notifies the duty already owed: it is owed from the day it arose
        if self.duty is Duty.RELIEF and not self.relief_day_56_passed:
            # s193(1)(c): the main duty follows the end of relief. With these findings in force
            # relief ends by itself at the end of day 56 (s189B(4)) and the main duty is owed
            # from the next day; a decision notified sooner does not bring that forward.
            return
        self._owe(Duty.MAIN, since=event.on, began_at=index)

    def _request_review(self, index: int, event: ReviewRequested) -> None:
        reviewed = self.applied[event.of]
        duty_when_given = self.duty_when_given[event.of]
        if problem := not_reviewable_because(reviewed, duty_when_given=duty_when_given):
            raise CaseworkRefusal(
                index,
                f"event {event.of} ({event_type_name(reviewed)}) cannot be reviewed: {problem}",
            )
        for review in self.reviews.values():
            if review.of == event.of and review.decision is None:
                raise CaseworkRefusal(
                    index,
                    f"a review of event {event.of} was requested at event "
                    f"{review.requested_at} and is not yet decided",
                )
        period = review_period_for(
            reviewed, duty_when_given=duty_when_given, reviewer=event.reviewer
        )
        self.reviews[index] = _Review(index, event.of, period, event.on)

    def _decide_review(self, index: int, event: ReviewDecided) -> None:
        review = self.reviews[event.of]
        if review.decided_at is not None:
            raise CaseworkRefusal(
                index,
                f"the review requested at event {event.of} was already decided at event "
                f"{review.decided_at}",
            )
        # The outcome changes no duty: the officer records the decisions it leads to.
        review.decided_at, review.decision = index, event

    def _start_placement(self, index: int, event: PlacementStarted) -> None:
        if event.placement in self.open_placements:
            opened = self.open_placements[event.placement].started_at
            raise CaseworkRefusal(
                index, f"placement {event.placement!r} is already open (event {opened})"
            )
        self.open_placements[event.placement] = _Placement(index, event.kind, event.on)

    def _end_placement(self, index: int, event: PlacementEnded) -> None:
        placement = self.open_placements.pop(event.placement, None)
        if placement is None:
            raise CaseworkRefusal(index, f"no placement {event.placement!r} is open to end")
        if event.kind is not None and event.kind is not placement.kind:
            raise CaseworkRefusal(
                index,
                f"placement {event.placement!r} started as {placement.kind.value} "
                f"(event {placement.started_at}), not {event.kind.value}",
            )
        if placement.kind is PlacementKind.BED_AND_BREAKFAST:
            self.stays_ended.append(BedAndBreakfastStay(placement.arrived_on, event.on))

    def state_on(self, as_of: date, household: Household) -> DutyState:
        self._advance_to(as_of)
        stays = [
            *self.stays_ended,
            *(
                BedAndBreakfastStay(placement.arrived_on)
                for placement in self.open_placements.values()
                if placement.kind is PlacementKind.BED_AND_BREAKFAST
            ),
        ]
        deadlines = [
            *self._duty_period_deadlines(),
            *self._review_deadlines(as_of),
            *self._bed_and_breakfast_deadlines(as_of, household, stays),
        ]
        deadlines.sort(key=lambda deadline: (deadline.due_on, deadline.kind.value, deadline.event))
        return DutyState(
            as_of=as_of,
            duty=self.duty,
            duty_since=self.duty_since,
            bed_and_breakfast_nights=nights_used(stays, before=as_of),
            deadlines=tuple(deadlines),
            priority_need=self.priority_need,
            intentionally_homeless=self.intentionally_homeless,
        )

    def _duty_period_deadlines(self) -> list[Deadline]:
        if self.duty_since is None or self.duty_began_at is None:
            return []
        if self.duty is Duty.PREVENTION:
            return [
                Deadline(
                    DeadlineKind.PREVENTION_PERIOD_END,
                    clocks.prevention_period_last_day(self.duty_since),
                    prevention.PREVENTION_PERIOD_BASIS,
                    self.duty_began_at,
                )
            ]
        if self.duty is Duty.RELIEF:
            return [
                Deadline(
                    DeadlineKind.RELIEF_PERIOD_END,
                    clocks.relief_period_last_day(self.duty_since),
                    relief.RELIEF_PERIOD_BASIS,
                    self.duty_began_at,
                )
            ]
        return []

    def _review_deadlines(self, as_of: date) -> list[Deadline]:
        deadlines = []
        reviewed = {review.of for review in self.reviews.values()}
        for index, decision in enumerate(self.applied):
            if not is_adverse(decision) or index in reviewed:
                continue
            request_by = clocks.review_request_last_day(decision.notified)
            if as_of <= request_by:
                deadlines.append(
                    Deadline(
                        DeadlineKind.REVIEW_REQUEST_BY, request_by, REVIEW_REQUEST_BASIS, index
                    )
                )
        for review in self.reviews.values():
            if review.decision is None:
                deadlines.append(
                    Deadline(
                        DeadlineKind.REVIEW_DECISION_BY,
                        review.period.decision_due(review.requested_on),
                        review.period.basis,
                        review.requested_at,
                    )
                )
            elif review.decision.outcome is ReviewOutcome.UPHELD:
                assert review.decided_at is not None
                appeal_by = clocks.appeal_last_day(review.decision.notified)
                if as_of <= appeal_by:
                    deadlines.append(
                        Deadline(DeadlineKind.APPEAL_BY, appeal_by, APPEAL_BASIS, review.decided_at)
                    )
        return deadlines

    def _bed_and_breakfast_deadlines(
        self, as_of: date, household: Household, stays: list[BedAndBreakfastStay]
    ) -> list[Deadline]:
        if not has_family_commitments(household, as_of):
            return []
        return [
            Deadline(
                DeadlineKind.BED_AND_BREAKFAST_LIMIT,
                must_have_left_by(
                    placement.arrived_on, nights_used(stays, before=placement.arrived_on)
                ),
                BED_AND_BREAKFAST_BASIS,
                placement.started_at,
            )
            for placement in self.open_placements.values()
            if placement.kind is PlacementKind.BED_AND_BREAKFAST
        ]
