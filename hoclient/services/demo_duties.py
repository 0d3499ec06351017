"""Demo duty histories: the decisions on a fictional case, lawful because the engine says so.

A story is drawn for each case (prevention, relief, the main duty, an s190 duty, no duty, a
non-cooperation notice, reviews, placements in B&B and elsewhere), dated from the approach
and cut off at the day the case closed, or today. Then the duty engine replays it: where it
refuses an event, the story stops just before it. So every demo history is one the engine
accepts, and the stories need not know the law's corners.
"""

import random
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
)
from hoclient.casework.case_history import CaseworkRefusal, replay
from hoclient.casework.duties import Duty, MainDutyEnding, PreventionEnding, ReliefEnding
from hoclient.casework.reviews import is_adverse
from hoclient.casework.unverified import RENTERS_RIGHTS_ACT_2025_COMMENCES_ON
from hoclient.services.case_clocks import ClockWindow, clock_windows

_REASONS = {
    NotEligible: "Subject to immigration control and in no class of eligible persons (s185).",
    NoDuty: "Accommodation available that it is reasonable to keep occupying; no notice served.",
    PreventionDutyEnded: "Suitable accommodation secured with a reasonable prospect of 6 months.",
    ReliefDutyEnded: "The relief duty has come to an end: see the notice sent to the applicant.",
    NonCooperationNotice: "Refused again, after the relevant warning, to attend viewings agreed "
    "in the personalised housing plan.",
    MainDutyEnded: "The main duty has ended: see the notice sent to the applicant.",
    PriorityNeedDecided: "Not vulnerable as compared to an ordinary person facing homelessness.",
    IntentionalityDecided: "Lost the tenancy through rent arrears the applicant could have paid.",
}


@dataclass(frozen=True)
class DemoHistory:
    """A case's events, the reasons for each (None where none are needed), and the clocks of
    its duty history. Where `pending`, the last event is a s193B notice still waiting for a
    second officer: it is recorded, but not in the history the clocks come from."""

    history: CaseHistory
    reasons: tuple[str | None, ...]
    windows: tuple[ClockWindow, ...]
    pending: bool

    @property
    def replayed_from(self) -> date:
        """The day of the history's last event: the clocks hold from then on."""
        return self.history.events[-2 if self.pending else -1].on


class _Story:
    """Events in date order, none after `last_day`."""

    def __init__(self, rng: random.Random, start: date, last_day: date) -> None:
        self.rng = rng
        self.day = start
        self.last_day = last_day
        self.events: list[CaseEvent] = []
        self.open = True  # False once a day past the end was wanted: the story is over

    def after(self, least: int, most: int) -> date | None:
        """A day `least` to `most` days after the last one; None (and the story ends) if that
        is past the end."""
        day = self.day + timedelta(days=self.rng.randint(least, most))
        if not self.open or day > self.last_day:
            self.open = False
            return None
        return day

    def add(self, event: CaseEvent) -> int:
        self.events.append(event)
        self.day = event.on
        return len(self.events) - 1

    def notified(self, on: date) -> date:
        return on + timedelta(days=self.rng.choice((0, 0, 0, 1, 2)))


def plan_demo_history(
    rng: random.Random,
    *,
    approached_on: date,
    closed_on: date | None,
    today: date,
    household: Household,
    authorised_before: date | None,
) -> DemoHistory | None:
    """A lawful duty history for a case approached on `approached_on`, with nothing after the
    day it closed (or today); None for a case with no decision recorded yet. On a closed case
    every duty and placement has ended by the closing day. A s193B notice made before
    `authorised_before` has been authorised; a later one (any, if None: no second officer)
    waits for it, and the story ends there."""
    last_day = closed_on or today
    if last_day - approached_on < timedelta(days=14) and rng.random() < 0.3:
        return None  # a recent approach: inquiries still under way
    story = _Story(rng, approached_on, last_day)
    story.add(Application(on=approached_on))
    family = household.has_pregnant_member() or household.has_child_other_than_the_applicant_on(
        approached_on
    )
    path = rng.random()
    if path < 0.07:
        _no_duty(story)
    elif path < 0.45:
        _prevention(story, family)
    else:
        start = story.after(0, 3)
        if start is not None:
            _relief(story, start, family)
    _reviews(story)
    events = story.events
    if closed_on is not None:
        history, duty = _accepted(events, household, closed_on)
        events = [*history.events, *_closing(rng, history, duty, closed_on)]
    return _with_clocks(events, household, authorised_before)


def _closing(
    rng: random.Random, history: CaseHistory, duty: Duty, closed_on: date
) -> list[CaseEvent]:
    """What ends the duty still owed, any placement still open and any review undecided, on
    the closing day."""
    still_open: dict[str, None] = {}
    undecided: dict[int, None] = {}
    for index, event in enumerate(history.events):
        if isinstance(event, PlacementStarted):
            still_open[event.placement] = None
        elif isinstance(event, PlacementEnded):
            still_open.pop(event.placement, None)
        elif isinstance(event, ReviewRequested):
            undecided[index] = None
        elif isinstance(event, ReviewDecided):
            undecided.pop(event.of, None)
    closing: list[CaseEvent] = [
        PlacementEnded(on=closed_on, placement=placement) for placement in still_open
    ]
    closing += [
        ReviewDecided(on=closed_on, of=index, outcome=ReviewOutcome.OVERTURNED)
        for index in undecided
    ]
    if duty is Duty.PREVENTION:
        reason = rng.choice((PreventionEnding.SUITABLE_ACCOMMODATION, PreventionEnding.WITHDRAWN))
        closing.append(PreventionDutyEnded(on=closed_on, reason=reason))
    elif duty is Duty.RELIEF:
        ending = rng.choice((ReliefEnding.SUITABLE_ACCOMMODATION, ReliefEnding.WITHDRAWN))
        closing.append(ReliefDutyEnded(on=closed_on, reason=ending))
    elif duty is Duty.MAIN:
        closing.append(MainDutyEnded(on=closed_on, reason=MainDutyEnding.ACCEPTED_PART6_OFFER))
    return closing


def _accepted(
    events: list[CaseEvent], household: Household, as_of: date
) -> tuple[CaseHistory, Duty]:
    """The longest beginning of `events` the engine accepts, and the duty it leaves on `as_of`."""
    while True:
        # The story adds events in date order, so a review's `of` is the index it meant.
        history = CaseHistory(household, tuple(events))
        try:
            return history, replay(history, as_of).duty
        except CaseworkRefusal as refusal:
            events = _before(events, refusal)


def _with_clocks(
    events: list[CaseEvent], household: Household, authorised_before: date | None
) -> DemoHistory:
    """The longest beginning of `events` the engine accepts, with its reasons and clocks; a
    notice still waiting for authorisation ends it, outside the history."""
    waiting = next(
        (
            index
            for index, event in enumerate(events)
            if isinstance(event, NonCooperationNotice)
            and (authorised_before is None or event.on >= authorised_before)
        ),
        None,
    )
    pending = [] if waiting is None else [events[waiting]]
    counted = events if waiting is None else events[:waiting]
    while True:
        history = CaseHistory(household, tuple(counted))
        try:
            windows = clock_windows(history)  # replays the whole history first
        except CaseworkRefusal as refusal:
            counted, pending = _before(counted, refusal), []
            continue
        if pending:
            try:  # lawful once authorised, as record_decision checks it
                replay(CaseHistory(household, (*counted, *pending)))
            except CaseworkRefusal:
                pending = []
        written = CaseHistory(household, (*counted, *pending))
        reasons = tuple(_REASONS[type(e)] if is_adverse(e) else None for e in written.events)
        return DemoHistory(written, reasons, tuple(windows), pending=bool(pending))


def _before(events: list[CaseEvent], refusal: CaseworkRefusal) -> list[CaseEvent]:
    if not refusal.index:
        raise refusal  # the application itself: a bug in the story, not a corner of the law
    return events[: refusal.index]


def _no_duty(story: _Story) -> None:
    on = story.after(1, 14)
    if on is not None:
        decision = NotEligible if story.rng.random() < 0.4 else NoDuty
        story.add(decision(on=on, notified_on=story.notified(on)))


def _prevention(story: _Story, family: bool) -> None:
    rng = story.rng
    notice = None
    if rng.random() < 0.55:
        first = story.day
        # Private landlords serve s8 notices once the Renters' Rights Act 2025 is in force.
        private = NoticeKind.SECTION_21
        if first >= RENTERS_RIGHTS_ACT_2025_COMMENCES_ON:
            private = NoticeKind.SECTION_8
        notice = private if rng.random() < 0.85 else NoticeKind.OTHER
        expires_on = first + timedelta(days=rng.randint(14, 70))
        story.add(NoticeToQuit(on=first, kind=notice, expires_on=expires_on))
    accepted_on = story.after(0, 5)
    if accepted_on is None:
        return
    story.add(PreventionDutyAccepted(on=accepted_on, notified_on=story.notified(accepted_on)))
    ending = rng.choices(
        (
            PreventionEnding.SUITABLE_ACCOMMODATION,
            PreventionEnding.BECAME_HOMELESS,
            PreventionEnding.FIFTY_SIX_DAYS_COMPLIED,
            PreventionEnding.WITHDRAWN,
            PreventionEnding.REFUSED_SUITABLE_OFFER,
            None,  # a non-cooperation notice
        ),
        weights=(45, 30, 10, 8, 4, 3),
    )[0]
    if ending is None:
        _non_cooperation(story)
        return
    if ending is PreventionEnding.FIFTY_SIX_DAYS_COMPLIED:
        ended_on = story.after(56, 80)  # s195(6) refuses it after a s21 notice: the engine cuts
    else:
        ended_on = story.after(10, 70)
    if ended_on is None:
        return
    if ending is PreventionEnding.BECAME_HOMELESS:
        if rng.random() < 0.5:
            story.add(PreventionDutyEnded(on=ended_on, reason=ending))
        _relief(story, ended_on, family)  # s195(8)(c): relief from the day homeless
        return
    story.add(PreventionDutyEnded(on=ended_on, notified_on=story.notified(ended_on), reason=ending))


def _relief(story: _Story, accepted_on: date, family: bool) -> None:
    rng = story.rng
    story.add(ReliefDutyAccepted(on=accepted_on, notified_on=story.notified(accepted_on)))
    placement = None
    if family or rng.random() < 0.15:
        kind = rng.choices(
            (PlacementKind.BED_AND_BREAKFAST, PlacementKind.HOSTEL, PlacementKind.SELF_CONTAINED),
            weights=(35, 30, 35) if family else (40, 50, 10),
        )[0]
        placement = (accepted_on, kind)
        story.add(PlacementStarted(on=accepted_on, placement="P1", kind=kind))
    priority_need = family or rng.random() < 0.3
    intentional = rng.random() < 0.08
    found_on = story.after(3, 30)
    if found_on is not None:
        story.add(PriorityNeedDecided(on=found_on, priority_need=priority_need))
    if found_on is not None and priority_need:
        intent_on = story.after(0, 20)
        if intent_on is not None:
            story.add(IntentionalityDecided(on=intent_on, intentional=intentional))
    if placement is not None:
        _move_on(story, placement)
    if rng.random() < 0.05:
        _non_cooperation(story)
    elif priority_need and not intentional and story.open:
        _main_duty(story, accepted_on)
    else:
        reason = rng.choices(
            (
                ReliefEnding.SUITABLE_ACCOMMODATION,
                ReliefEnding.FIFTY_SIX_DAYS_COMPLIED,
                ReliefEnding.WITHDRAWN,
                ReliefEnding.REFUSED_SUITABLE_OFFER,
                ReliefEnding.NO_LONGER_ELIGIBLE,
                ReliefEnding.REFUSED_FINAL_OFFER,
                ReliefEnding.REFERRED_LOCAL_CONNECTION,
            ),
            weights=(50, 25, 10, 4, 3, 3, 5),
        )[0]
        if reason is ReliefEnding.FIFTY_SIX_DAYS_COMPLIED:
            at_least = max(0, (accepted_on - story.day).days + 56)
            ended_on = story.after(at_least, at_least + 20)
        else:
            ended_on = story.after(5, 60)
        if ended_on is not None:
            story.add(
                ReliefDutyEnded(on=ended_on, notified_on=story.notified(ended_on), reason=reason)
            )


def _move_on(story: _Story, placement: tuple[date, PlacementKind]) -> None:
    """Interim accommodation ends after weeks; a family in B&B sometimes stays past 6 weeks."""
    arrived_on, kind = placement
    nights = story.rng.randint(14, 90 if kind is PlacementKind.BED_AND_BREAKFAST else 200)
    left_on = arrived_on + timedelta(days=nights)
    if left_on <= story.last_day and left_on >= story.day:
        story.add(PlacementEnded(on=left_on, placement="P1"))
        if story.rng.random() < 0.6:
            story.add(
                PlacementStarted(on=left_on, placement="P2", kind=PlacementKind.SELF_CONTAINED)
            )


def _main_duty(story: _Story, relief_from: date) -> None:
    rng = story.rng
    # Relief ends by itself at the end of day 56 (s189B(4)); the decision is notified after.
    at_least = max(0, (relief_from - story.day).days + 56)
    accepted_on = story.after(at_least, at_least + 14)
    if accepted_on is None:
        return
    story.add(MainDutyAccepted(on=accepted_on, notified_on=story.notified(accepted_on)))
    if rng.random() < 0.5:
        return  # still owed: most main duty cases wait a long time for an offer
    ended_on = story.after(60, 400)
    if ended_on is not None:
        reason = rng.choices(
            (
                MainDutyEnding.ACCEPTED_PART6_OFFER,
                MainDutyEnding.ACCEPTED_PRSO,
                MainDutyEnding.REFUSED_SUITABLE_OFFER,
                MainDutyEnding.VOLUNTARILY_CEASED_TO_OCCUPY,
            ),
            weights=(60, 20, 12, 8),
        )[0]
        story.add(MainDutyEnded(on=ended_on, notified_on=story.notified(ended_on), reason=reason))


def _non_cooperation(story: _Story) -> None:
    """s193B: a relevant warning, then after a while the notice (a second officer authorises)."""
    warned_on = story.after(7, 30)
    if warned_on is None:
        return
    story.add(RelevantWarning(on=warned_on))
    notice_on = story.after(14, 28)
    if notice_on is not None:
        story.add(NonCooperationNotice(on=notice_on, notified_on=story.notified(notice_on)))


def _reviews(story: _Story) -> None:
    """Some adverse decisions are reviewed (s202); an upheld review opens the appeal clock."""
    rng = story.rng
    for index, event in enumerate(list(story.events)):
        if not is_adverse(event) or rng.random() >= 0.15:
            continue
        requested_on = event.notified + timedelta(days=rng.randint(1, 20))
        if requested_on > story.last_day or requested_on < story.day:
            continue
        reviewer = Reviewer.APPOINTED_PERSON if rng.random() < 0.05 else Reviewer.OFFICER
        requested_at = story.add(ReviewRequested(on=requested_on, of=index, reviewer=reviewer))
        decided_on = requested_on + timedelta(days=rng.randint(10, 60))
        if decided_on <= story.last_day:
            outcome = ReviewOutcome.UPHELD if rng.random() < 0.7 else ReviewOutcome.OVERTURNED
            story.add(ReviewDecided(on=decided_on, of=requested_at, outcome=outcome))
        return  # one review a case is plenty for a demonstration
