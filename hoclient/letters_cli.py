"""`hoclient letter list-kinds` and `hoclient letter render --history FILE --event N`.

Renders the letter owed by event N (from 0) of a hoclient.case-history/1 file, needing no
store. The duty engine replays the history and gives every date the letter states (the last
day to ask for a review, the 56-day period, a review's due date, the appeal's last day); the
letters layer only writes them down. Bad input, or an event that owes no letter: one plain
line and exit 2.

The history may carry, beside what the engine reads (it ignores other keys):
    "applicant": {"name": ..., "address": [...]}, "officer": {"name", "role", "phone",
    "email"}, "council": {... as resources/letters/council.toml}, "case_reference": "...",
and on an event: "reasons" (text, or a list of {"finding", "reasons"}), and where its letter
needs them "placement": {"address": [...], "ends": date}, "warning": {"step", "take_by",
"support"}, "authorised_by": {"name", "role"}, "referral": {"other_council", ...},
"reviewer": "name and role". Defaults stand in for the applicant, officer and council; the
reasons for a decision against the applicant are never made up.
"""

import argparse
import json
import sys
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

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
from hoclient.casework.case_history import CaseworkRefusal, DeadlineKind, DutyState, replay
from hoclient.casework.case_history_json import case_history_from_json, parse_iso_date
from hoclient.casework.duties import Duty, MainDutyEnding, ReliefEnding
from hoclient.casework.reviews import review_period_for
from hoclient.letters.context import (
    Applicant,
    Finding,
    LetterContext,
    Officer,
    Placement,
    Referral,
    ReviewProcess,
    ReviewRight,
    Warning,
)
from hoclient.letters.kinds import KINDS, LetterKind, ReviewStatement, letter_kind
from hoclient.letters.pdf import render_pdf
from hoclient.letters.settings import (
    LetterSettingsError,
    council_from,
    default_officer,
    load_settings,
)
from hoclient.letters.text import LetterContextError, LetterTemplateError, long_date

INVALID = 2

# s193 events in words, for the main-duty-ended notice (duties.md §6).
_MAIN_DUTY_GROUNDS = {
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
_DEFAULT_APPLICANT = {"name": "The Applicant", "address": ["Address not recorded"]}
_DEFAULT_REVIEWER = "a reviewing officer senior to the officer who made the decision"


class LetterRefusal(Exception):
    """This event owes no letter, or its letter cannot be written from the file."""


def add_letter_parser(subparsers: "argparse._SubParsersAction[Any]") -> None:
    letter = subparsers.add_parser("letter", help="statutory letters as PDF, without a store")
    actions = letter.add_subparsers(
        dest="letter_command", metavar="{list-kinds,render}", required=True
    )
    actions.add_parser("list-kinds", help="every letter kind: its id and title, one a line")
    render = actions.add_parser(
        "render", help="render the letter owed by one event of a JSON case history"
    )
    render.add_argument(
        "--history", type=Path, required=True, metavar="FILE", help="a case history (JSON)"
    )
    render.add_argument(
        "--event", type=_event_index, required=True, metavar="N", help="the event, from 0"
    )
    render.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    render.add_argument("--large-print", action="store_true", help="16 pt type throughout")


def run_letter(arguments: argparse.Namespace) -> int:
    if arguments.letter_command == "list-kinds":
        for kind in KINDS:
            print(f"{kind.id}\t{kind.code} {kind.title}")
        return 0
    path: Path = arguments.history
    try:
        document = _read_json(path)
    except LetterRefusal as refusal:
        return _invalid(f"{path}: {refusal}")
    try:
        context = letter_owed(document, arguments.event, default_reference=path.stem)
        pdf = render_pdf(context, large_print=arguments.large_print)
    except CaseworkRefusal as refusal:
        return _invalid(f"{path}: {refusal}")
    except (LetterRefusal, LetterContextError) as refusal:
        return _invalid(f"{path}: event {arguments.event}: {refusal}")
    except (LetterSettingsError, LetterTemplateError) as error:
        return _invalid(str(error))
    try:
        arguments.out.write_bytes(pdf)
    except OSError as error:
        return _invalid(f"cannot write {arguments.out}: {error.strerror or error}")
    print(f"{arguments.out}: {context.kind.id} ({context.kind.code}), {len(pdf)} bytes")
    return 0


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LetterRefusal(f"cannot read it: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise LetterRefusal("it is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise LetterRefusal(f"it is not valid JSON: {error}") from None
    except (ValueError, RecursionError):
        raise LetterRefusal("it is not JSON hoclient can read") from None


def letter_owed(document: object, index: int, *, default_reference: str) -> LetterContext:
    """The letter event `index` of the history owes, filled from the file and the engine."""
    history = case_history_from_json(document)
    replay(history)  # the whole history must be lawful, not just the part up to the event
    assert isinstance(document, dict)  # case_history_from_json refuses anything else
    if not 0 <= index < len(history.events):
        raise LetterRefusal(
            f"there is no such event: the history has events 0 to {len(history.events) - 1}"
        )
    event = history.events[index]
    raw = document["events"][index]
    up_to = CaseHistory(history.household, history.events[: index + 1])
    before = CaseHistory(history.household, history.events[:index])
    duty_before = replay(before, event.on).duty if index else Duty.NONE
    at_decision = replay(up_to, event.on)
    at_notice = replay(up_to, event.notified)

    kind = _kind_for(history, index, duty_before, at_decision)
    settings = load_settings()
    context = LetterContext(
        kind=kind,
        council=council_from(settings, _object(document, "council")),
        officer=default_officer(settings, _object(document, "officer")),
        applicant=_applicant(document),
        case_reference=_reference(document, default_reference),
        issued_on=event.on,
        decided_on=event.on,
        legal_basis=kind.basis,
        reasons=_reasons(raw, kind),
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
        extra["ground"] = _MAIN_DUTY_GROUNDS[event.reason]
        extra["legal_basis"] = event.reason.basis
    if kind.id == "interim-accommodation-ends-no-priority-need":
        extra["placement"] = _placement(raw)
    if isinstance(event, RelevantWarning):
        extra["warning"] = _warning(raw)
    if isinstance(event, NonCooperationNotice):
        extra["authorised_by"] = _authoriser(raw, context.officer)
    if kind.id == "local-connection-referral":
        extra["referral"] = _referral(raw)
    if isinstance(event, ReviewRequested | ReviewDecided):
        extra["review_process"] = _review_process(history, index, raw, at_notice)
    return replace(context, **extra)  # type: ignore[arg-type]


def _kind_for(
    history: CaseHistory, index: int, duty_before: Duty, at_decision: DutyState
) -> LetterKind:
    event = history.events[index]
    kind_id: str | None = None
    match event:
        case NotEligible():
            kind_id = "s184-not-eligible"
        case NoDuty():
            kind_id = "s184-no-duty"
        case PreventionDutyAccepted():
            kind_id = "s184-prevention-duty"
        case PreventionDutyEnded(reason=reason):
            kind_id = f"prevention-ended-{_words(reason.value)}"
        case ReliefDutyAccepted():
            kind_id = "s184-relief-duty"
        case ReliefDutyEnded(reason=ReliefEnding.REFUSED_FINAL_OFFER):
            kind_id = "relief-ended-final-offer-refused"
        case ReliefDutyEnded(reason=ReliefEnding.REFERRED_LOCAL_CONNECTION):
            kind_id = "local-connection-referral"
        case ReliefDutyEnded(reason=reason):
            kind_id = f"relief-ended-{_words(reason.value)}"
        case PriorityNeedDecided(priority_need=False):
            kind_id = _no_priority_need_letter(history, index, duty_before)
        case IntentionalityDecided(intentional=True) if (
            at_decision.priority_need is True
            and duty_before is not Duty.RELIEF
            and _relief_over_or_owed(history, index, duty_before)
        ):
            kind_id = "s184-intentionally-homeless"
        case RelevantWarning():
            kind_id = "relevant-warning"
        case NonCooperationNotice():
            kind_id = "non-cooperation-notice"
        case MainDutyAccepted():
            kind_id = "s184-main-duty"
        case MainDutyEnded():
            kind_id = "main-duty-ended"
        case ReviewRequested():
            kind_id = "review-acknowledgement"
        case ReviewDecided():
            kind_id = "review-decision"
        case PlacementStarted():
            raise LetterRefusal(
                "an interim accommodation placement (letters.md L5) has no statutory notice "
                "known to hoclient, so it has no template"
            )
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
    assert kind is not None, kind_id  # every id above is in the registry (a test checks)
    return kind


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
    history: CaseHistory, index: int, raw: Mapping[str, object], at_notice: DutyState
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
    reviewer = raw.get("reviewer")
    upheld = None
    if isinstance(event, ReviewDecided):
        upheld = event.outcome is ReviewOutcome.UPHELD
    return ReviewProcess(
        requested_on=request.on,
        decision_reviewed=f"our decision of {long_date(reviewed.on)} "
        f"({event_type_name(reviewed).replace('_', ' ')})",
        decision_due_on=due_on,
        reviewer=reviewer if isinstance(reviewer, str) and reviewer.strip() else _DEFAULT_REVIEWER,
        upheld=upheld,
        appeal_last_day=_deadline(at_notice, (DeadlineKind.APPEAL_BY,), index),
    )


def _reasons(raw: Mapping[str, object], kind: LetterKind) -> tuple[Finding, ...]:
    value = raw.get("reasons")
    if value is None:
        return ()
    finding = kind.title.split(": ", 1)[-1]
    if isinstance(value, str) and value.strip():
        return (Finding(finding[:1].upper() + finding[1:], value.strip()),)
    if (
        isinstance(value, list)
        and value
        and all(
            isinstance(item, dict)
            and isinstance(item.get("finding"), str)
            and isinstance(item.get("reasons"), str)
            for item in value
        )
    ):
        return tuple(Finding(item["finding"].strip(), item["reasons"].strip()) for item in value)
    raise LetterRefusal(
        "'reasons' must be text, or a list of objects with 'finding' and 'reasons' text"
    )


def _applicant(document: Mapping[str, object]) -> Applicant:
    values = {**_DEFAULT_APPLICANT, **_object(document, "applicant")}
    name, address = values.get("name"), values.get("address")
    if not isinstance(name, str) or not name.strip():
        raise LetterRefusal("'applicant' 'name' must be non-empty text")
    if not isinstance(address, list) or not all(isinstance(line, str) for line in address):
        raise LetterRefusal("'applicant' 'address' must be a list of lines of text")
    return Applicant(name.strip(), tuple(line.strip() for line in address if line.strip()))


def _reference(document: Mapping[str, object], default: str) -> str:
    value = document.get("case_reference", default)
    if not isinstance(value, str) or not value.strip():
        raise LetterRefusal("'case_reference' must be non-empty text")
    return value.strip()


def _placement(raw: Mapping[str, object]) -> Placement:
    values = _object(raw, "placement")
    address, ends = values.get("address"), parse_iso_date(values.get("ends"))
    if not isinstance(address, list) or not address or ends is None:
        raise LetterRefusal(
            'this s188(1ZA)(b) notice needs the placement: add "placement": '
            '{"address": [...], "ends": "YYYY-MM-DD"} to the event'
        )
    return Placement(tuple(str(line) for line in address), ends)


def _warning(raw: Mapping[str, object]) -> Warning:
    values = _object(raw, "warning")
    step, take_by = values.get("step"), parse_iso_date(values.get("take_by"))
    support = values.get("support", "Ask your officer for help with this step.")
    if not isinstance(step, str) or not step.strip() or take_by is None:
        raise LetterRefusal(
            'a relevant warning needs the step and its date: add "warning": '
            '{"step": "...", "take_by": "YYYY-MM-DD"} to the event'
        )
    return Warning(step.strip(), take_by, str(support))


def _authoriser(raw: Mapping[str, object], officer: Officer) -> Officer:
    values = _object(raw, "authorised_by")
    name, role = values.get("name"), values.get("role")
    if not isinstance(name, str) or not name.strip() or not isinstance(role, str):
        raise LetterRefusal(
            "a s193B notice is authorised by a second officer (SI 2018/223 reg 3): add "
            '"authorised_by": {"name": "...", "role": "..."} to the event'
        )
    if name.strip() == officer.name:
        raise LetterRefusal("the authorising officer must be someone other than the officer")
    return Officer(name.strip(), role.strip(), officer.phone, officer.email)


def _referral(raw: Mapping[str, object]) -> Referral:
    values = _object(raw, "referral")
    other = values.get("other_council")
    if not isinstance(other, str) or not other.strip():
        raise LetterRefusal(
            'a referral letter names the other council: add "referral": '
            '{"other_council": "..."} to the event'
        )
    return Referral(
        other.strip(),
        "relief",
        str(values.get("interim_accommodation", "Your officer will tell you.")),
        str(values.get("travel", "Your officer will tell you.")),
    )


def _object(values: Mapping[str, object], key: str) -> dict[str, object]:
    value = values.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LetterRefusal(f"{key!r} must be a JSON object")
    return value


def _event_index(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an event number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not an event number (they start at 0)")
    return value


def _invalid(message: str) -> int:
    print(f"hoclient: {message}", file=sys.stderr)
    return INVALID
