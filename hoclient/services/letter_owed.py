"""Which letter an event of a duty history owes, and the dates the duty engine gives it.

Shared by `hoclient letter render --history` (a JSON case history, no store) and the letters
of a stored case (services/letter_context.py). Both bring the history and what the engine
cannot know (who the applicant is, the officer, the reasons written, a placement's address);
this module picks the letter kind and fills in every date the letter states: the last day to
ask for a review (s202(3)), the 56-day period, a review's due date, the appeal's last day.
"""

from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from hoclient.casework import clocks
from hoclient.casework.case_events import (
    CaseEvent,
    CaseHistory,
    IntentionalityDecided,
    MainDutyAccepted,
    MainDutyEnded,
    NoDuty,
    NonCooperationNotice,
    NotEligible,
    PlacementEnded,
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
from hoclient.casework.case_history import DeadlineKind, DutyState, replay
from hoclient.casework.duties import Duty, MainDutyEnding, ReliefEnding
from hoclient.casework.reviews import review_period_for
from hoclient.letters.context import (
    Applicant,
    Council,
    Finding,
    LetterContext,
    Officer,
    Placement,
    Referral,
    ReviewProcess,
    ReviewRight,
    Warning,
)
from hoclient.letters.kinds import LetterKind, ReviewStatement, letter_kind
from hoclient.letters.text import long_date

# s193 events in words, for the main-duty-ended notice (duties.md §6).
MAIN_DUTY_GROUNDS = {
    MainDutyEnding.REFUSED_SUITABLE_OFFER: "you refused an offer of accommodation we were "
    "satisfied was suitable, after we told you what refusing would mean",
    MainDutyEnding.NO_LONGER_ELIGIBLE: "you are no longer eligible for assistance",
    MainDutyEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION: "you became homeless "
    "intentionally from the accommodation we provided",
    MainDutyEnding.ACCEPTED_PART6_OFFER: "you accepted an offer of social housing (Part 6)",
    MainDutyEnding.ACCEPTED_ASSURED_TENANCY: "you accepted an assured tenancy, other than an "
    "assured shorthold tenancy, from a private landlord",
    MainDutyEnding.VOLUNTARILY_CEASED_TO_OCCUPY: "you stopped living in the accommodation we "
    "provided as your only or main home",
    MainDutyEnding.REFUSED_FINAL_PART6_OFFER: "you refused a final offer of social housing "
    "(Part 6), after we told you what refusing would mean",
    MainDutyEnding.ACCEPTED_PRSO: "you accepted a private rented sector offer",
    MainDutyEnding.REFUSED_PRSO: "you refused a private rented sector offer",
}
# Which s202(1) paragraph a review of the ending falls under: suitability for a refused or
# accepted offer ((f), (g)), otherwise the decision on the duty ((b)) (letters.md L17).
_MAIN_DUTY_REVIEW_PARAGRAPH = {
    MainDutyEnding.REFUSED_SUITABLE_OFFER: "HA 1996 s202(1)(f)",
    MainDutyEnding.REFUSED_FINAL_PART6_OFFER: "HA 1996 s202(1)(f)",
    MainDutyEnding.ACCEPTED_PRSO: "HA 1996 s202(1)(g)",
    MainDutyEnding.REFUSED_PRSO: "HA 1996 s202(1)(g)",
}
_T = TypeVar("_T")
DEFAULT_REVIEWER = "a reviewing officer senior to the officer who made the decision"


class LetterRefusal(Exception):
    """This event owes no letter, or its letter cannot be written from what was given."""


@dataclass(frozen=True)
class LetterParts:
    """What the duty engine cannot know, gathered by the caller for one letter."""

    council: Council
    officer: Officer
    applicant: Applicant
    case_reference: str
    reasons: tuple[Finding, ...] = ()
    placement: Placement | None = None  # s188(1ZA)(b): the placement that ends
    warning: Warning | None = None  # s193B relevant warning: the step refused
    authorised_by: Officer | None = None  # s193B notice: the second officer
    referral: Referral | None = None  # local connection referral: the other council
    reviewer: str | None = None  # a review's officer, in words
    issued_on: date | None = None  # the date of the letter; the event's date if None


def findings_from_text(kind: LetterKind, reasons: str) -> tuple[Finding, ...]:
    """The reasons an officer wrote, as the finding the letter's title names (s184(3))."""
    if not reasons.strip():
        return ()
    finding = kind.title.split(": ", 1)[-1]
    return (Finding(finding[:1].upper() + finding[1:], reasons.strip()),)


def letter_kind_for(history: CaseHistory, index: int) -> LetterKind:
    """The letter event `index` of a lawful history owes; LetterRefusal if it owes none."""
    if not 0 <= index < len(history.events):
        raise LetterRefusal(
            f"there is no such event: the history has events 0 to {len(history.events) - 1}"
        )
    event = history.events[index]
    kind_id = _kind_id(history, index)
    if kind_id is None:
        raise LetterRefusal(
            f"{event_type_name(event)} owes no letter of its own"
            + (
                "; a finding like this is notified with the decision on the duty after relief"
                if isinstance(event, PriorityNeedDecided | IntentionalityDecided)
                else ""
            )
        )
    kind = letter_kind(kind_id)
    assert kind is not None, kind_id  # every id here is in the registry (a test checks)
    return kind


def letter_owed(history: CaseHistory, index: int, parts: LetterParts) -> LetterContext:
    """The context of the letter event `index` owes, every date from the duty engine.

    The history must already be known to replay (the caller replays the whole of it, so that
    no letter is written from a history that is unlawful later on).
    """
    kind = letter_kind_for(history, index)
    event = history.events[index]
    up_to = CaseHistory(history.household, history.events[: index + 1])
    duty_before, at_decision = _states(history, index)
    at_notice = replay(up_to, event.notified)
    context = LetterContext(
        kind=kind,
        council=parts.council,
        officer=parts.officer,
        applicant=parts.applicant,
        case_reference=parts.case_reference,
        issued_on=parts.issued_on or event.on,
        decided_on=event.on,
        legal_basis=kind.basis,
        reasons=parts.reasons,
    )
    extra: dict[str, object] = {}
    if kind.review is ReviewStatement.RIGHT_AND_LAST_DAY:
        extra["review"] = _review_right(event, index, kind, duty_before, at_notice)
    if isinstance(event, PreventionDutyAccepted | ReliefDutyAccepted):
        extra["period_ends_on"] = _deadline(
            at_decision,
            (DeadlineKind.PREVENTION_PERIOD_END, DeadlineKind.RELIEF_PERIOD_END),
            index,
        )
    if isinstance(event, MainDutyEnded):
        extra["ground"] = MAIN_DUTY_GROUNDS[event.reason]
        extra["legal_basis"] = event.reason.basis
    if kind.id == "interim-accommodation-ends-no-priority-need":
        extra["placement"] = _needed(
            parts.placement, "this s188(1ZA)(b) notice needs the placement's address and end"
        )
    if isinstance(event, RelevantWarning):
        extra["warning"] = _needed(
            parts.warning, "a relevant warning needs the step refused and the date to take it by"
        )
    if isinstance(event, NonCooperationNotice):
        authoriser = _needed(
            parts.authorised_by,
            "a s193B notice is authorised by a second officer (SI 2018/223 reg 3), "
            "and none is named",
        )
        if authoriser.name == parts.officer.name:
            raise LetterRefusal("the authorising officer must be someone other than the officer")
        extra["authorised_by"] = authoriser
    if kind.id == "local-connection-referral":
        extra["referral"] = _needed(parts.referral, "a referral letter names the other council")
    if isinstance(event, ReviewRequested | ReviewDecided):
        extra["review_process"] = _review_process(history, index, parts.reviewer, at_notice)
    return replace(context, **extra)  # type: ignore[arg-type]


def _needed(value: _T | None, problem: str) -> _T:
    if value is None:
        raise LetterRefusal(problem)
    return value


def _states(history: CaseHistory, index: int) -> tuple[Duty, DutyState]:
    event = history.events[index]
    before = CaseHistory(history.household, history.events[:index])
    duty_before = replay(before, event.on).duty if index else Duty.NONE
    at_decision = replay(CaseHistory(history.household, history.events[: index + 1]), event.on)
    return duty_before, at_decision


def _kind_id(history: CaseHistory, index: int) -> str | None:
    event = history.events[index]
    # Only a finding's letter depends on the duty around it: replay just for those (listing
    # a case's letters would otherwise replay its history twice for every record).
    if isinstance(event, PriorityNeedDecided | IntentionalityDecided):
        duty_before, at_decision = _states(history, index)
        return _finding_kind_id(history, index, duty_before, at_decision)
    match event:
        case NotEligible():
            return "s184-not-eligible"
        case NoDuty():
            return "s184-no-duty"
        case PreventionDutyAccepted():
            return "s184-prevention-duty"
        case PreventionDutyEnded(reason=reason):
            return f"prevention-ended-{_words(reason.value)}"
        case ReliefDutyAccepted():
            return "s184-relief-duty"
        case ReliefDutyEnded(reason=ReliefEnding.REFUSED_FINAL_OFFER):
            return "relief-ended-final-offer-refused"
        case ReliefDutyEnded(reason=ReliefEnding.REFERRED_LOCAL_CONNECTION):
            return "local-connection-referral"
        case ReliefDutyEnded(reason=reason):
            return f"relief-ended-{_words(reason.value)}"
        case RelevantWarning():
            return "relevant-warning"
        case NonCooperationNotice():
            return "non-cooperation-notice"
        case MainDutyAccepted():
            return "s184-main-duty"
        case MainDutyEnded():
            return "main-duty-ended"
        case ReviewRequested():
            return "review-acknowledgement"
        case ReviewDecided():
            return "review-decision"
        case PlacementStarted():
            raise LetterRefusal(
                "an interim accommodation placement (letters.md L5) has no statutory notice "
                "known to hoclient, so it has no template"
            )
    return None


def _finding_kind_id(
    history: CaseHistory, index: int, duty_before: Duty, at_decision: DutyState
) -> str | None:
    match history.events[index]:
        case PriorityNeedDecided(priority_need=False):
            return _no_priority_need_letter(history, index, duty_before)
        case IntentionalityDecided(intentional=True) if (
            at_decision.priority_need is True
            and duty_before is not Duty.RELIEF
            and _relief_over_or_owed(history, index, duty_before)
        ):
            return "s184-intentionally-homeless"
    return None


def _words(value: str) -> str:
    return value.replace("_", "-")


def _relief_over_or_owed(history: CaseHistory, index: int, duty_before: Duty) -> bool:
    """Relief is owed, or the last duty to end was relief: the decision on what follows."""
    if duty_before in (Duty.RELIEF, Duty.S190):
        return True
    if duty_before is not Duty.ENDED:
        return False
    endings = [
        event
        for event in history.events[:index]
        if isinstance(event, PreventionDutyEnded | ReliefDutyEnded | NonCooperationNotice)
    ]
    return bool(endings) and isinstance(endings[-1], ReliefDutyEnded)


def _no_priority_need_letter(history: CaseHistory, index: int, duty_before: Duty) -> str | None:
    if not _relief_over_or_owed(history, index, duty_before):
        return None
    # I1: in interim accommodation while relief goes on, the s188(1ZA)(b) statement ends it.
    if duty_before is Duty.RELIEF and _placement_open(history.events[: index + 1]):
        return "interim-accommodation-ends-no-priority-need"
    return "s184-no-priority-need"


def _placement_open(events: tuple[CaseEvent, ...]) -> bool:
    open_placements: set[str] = set()
    for event in events:
        if isinstance(event, PlacementStarted):
            open_placements.add(event.placement)
        elif isinstance(event, PlacementEnded):
            open_placements.discard(event.placement)
    return bool(open_placements)


def _review_right(
    event: CaseEvent, index: int, kind: LetterKind, duty_before: Duty, at_notice: DutyState
) -> ReviewRight:
    # The engine keeps a review_request_by clock for decisions against the applicant; a
    # favourable s184 decision is reviewable all the same (s184(5)), on the same clock.
    last_day = next(
        (
            deadline.due_on
            for deadline in at_notice.deadlines
            if deadline.kind is DeadlineKind.REVIEW_REQUEST_BY and deadline.event == index
        ),
        None,
    ) or clocks.review_request_last_day(event.notified)
    paragraph = kind.review_paragraph
    if isinstance(event, MainDutyEnded):
        paragraph = _MAIN_DUTY_REVIEW_PARAGRAPH.get(event.reason, paragraph)
    weeks = review_period_for(event, duty_when_given=duty_before, reviewer=Reviewer.OFFICER).weeks
    return ReviewRight(last_day, event.notified, paragraph, weeks)


def _deadline(state: DutyState, kinds: tuple[DeadlineKind, ...], index: int) -> date | None:
    return next((d.due_on for d in state.deadlines if d.kind in kinds and d.event == index), None)


def _review_process(
    history: CaseHistory, index: int, reviewer: str | None, at_notice: DutyState
) -> ReviewProcess:
    event = history.events[index]
    assert isinstance(event, ReviewRequested | ReviewDecided)
    request_index = index if isinstance(event, ReviewRequested) else event.of
    request = history.events[request_index]
    assert isinstance(request, ReviewRequested)
    reviewed = history.events[request.of]
    # The decision was due by the day the engine set when the review was asked for.
    when_asked = replay(CaseHistory(history.household, history.events[: request_index + 1]))
    due_on = _deadline(when_asked, (DeadlineKind.REVIEW_DECISION_BY,), request_index)
    assert due_on is not None  # an undecided review always has its decision clock
    upheld = None
    if isinstance(event, ReviewDecided):
        upheld = event.outcome is ReviewOutcome.UPHELD
    return ReviewProcess(
        requested_on=request.on,
        decision_reviewed=f"our decision of {long_date(reviewed.on)} "
        f"({event_type_name(reviewed).replace('_', ' ')})",
        decision_due_on=due_on,
        reviewer=reviewer.strip() if reviewer and reviewer.strip() else DEFAULT_REVIEWER,
        upheld=upheld,
        appeal_last_day=_deadline(at_notice, (DeadlineKind.APPEAL_BY,), index),
    )
