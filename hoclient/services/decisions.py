"""Decisions on a case: recorded, authorised by a second officer, corrected; the Duties tab.

Each function is one officer's action and one transaction. Every change is checked by replaying
the case's duty history with it through the duty engine (hoclient.casework.case_history): what
the Act does not allow is refused with the engine's reason, and nothing is written. The case's
clocks (services/case_clocks.py) are worked out again in the same transaction.
"""

import re
import uuid
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.casework.case_events import (
    EVENT_TYPES,
    Application,
    CaseEvent,
    IntentionalityDecided,
    MainDutyEnded,
    NoticeToQuit,
    PlacementEnded,
    PlacementStarted,
    PreventionDutyEnded,
    PriorityNeedDecided,
    ReliefDutyEnded,
    ReviewDecided,
    ReviewRequested,
    event_type_name,
    legal_basis,
)
from hoclient.casework.case_history import (
    CaseworkRefusal,
    DeadlineKind,
    DutyState,
    legal_next_decisions,
    replay,
)
from hoclient.casework.duties import Duty, MainDutyEnding, PreventionEnding, ReliefEnding
from hoclient.casework.non_cooperation import second_officer_problem
from hoclient.casework.reviews import is_adverse
from hoclient.models import DecisionAuthorisation, DutyDecision, HousingCase, Officer
from hoclient.models.decision import STRUCK_OUT
from hoclient.models.types import utc_now
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.case_clocks import refresh_case_clocks
from hoclient.services.cases import live_case
from hoclient.services.decision_labels import (
    ACTION_WORDS,
    DEADLINE_LABELS,
    DECISION_WORDS,
    DUTY_LABELS,
    ENDING_WORDS,
    NOTICE_WORDS,
    OUTCOME_WORDS,
    PLACEMENT_WORDS,
    REVIEWER_WORDS,
)
from hoclient.services.duty_history import (
    BrokenHistory,
    CaseDecisions,
    case_decisions,
    event_columns,
    event_of,
)
from hoclient.services.duty_views import (
    ClockView,
    DecisionInput,
    DecisionStatus,
    DecisionView,
    DutyView,
    NextAction,
)
from hoclient.services.errors import InvalidInput, NotFound, ServiceError
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Role

REASONS_MAX_CHARS = 20_000
PLACEMENT_ID_MAX_CHARS = 40
DUE_SOON_DAYS = 7  # "due within 7 days": the Deadlines view and the Duties tab highlight these

# SI 2018/223 regs 2-3: a s193B notice is decided by one officer and authorised by a second,
# at least as senior, who took no part in it. The engine judges the second officer
# (non_cooperation.second_officer_problem); which decisions need one it does not yet say, so
# the one such decision is named here.
NEEDS_SECOND_OFFICER = frozenset({"non_cooperation_notice"})

_ENDINGS: dict[str, type[PreventionEnding] | type[ReliefEnding] | type[MainDutyEnding]] = {
    "prevention_duty_ended": PreventionEnding,
    "relief_duty_ended": ReliefEnding,
    "main_duty_ended": MainDutyEnding,
}
_GROUPS = {
    "application": "duty",
    "not_eligible": "duty",
    "no_duty": "duty",
    "prevention_duty_accepted": "duty",
    "prevention_duty_ended": "duty",
    "relief_duty_accepted": "duty",
    "relief_duty_ended": "duty",
    "main_duty_accepted": "duty",
    "main_duty_ended": "duty",
    "priority_need_decided": "finding",
    "intentionality_decided": "finding",
    "relevant_warning": "non-cooperation",
    "non_cooperation_notice": "non-cooperation",
    "review_requested": "review",
    "review_decided": "review",
    "placement_started": "placement",
    "placement_ended": "placement",
    "notice_to_quit": "fact",
}
_EVENT_INDEX = re.compile(r"\bevent (\d+)\b")
# The engine names event types as the case-history format writes them ("relief_duty_ended").
_EVENT_TYPE = re.compile(
    r"\b(" + "|".join(sorted((t for t in EVENT_TYPES if "_" in t), key=len, reverse=True)) + r")\b"
)


class DecisionRefused(ServiceError):
    """The Act, or the officer's role, does not allow it; nothing was written."""


# --- Checking a decision as the officer types it ---------------------------------------------


def decision_problems(decision: DecisionInput, *, today: date) -> dict[str, str]:
    """Field name -> what is wrong, in plain words; the form shows these as the officer types.

    Whether the Act allows the decision on this case is checked when it is recorded.
    """
    if decision.what not in EVENT_TYPES:
        return {"what": f"{decision.what!r} is not a decision hoclient records."}
    problems: dict[str, str] = {}
    if decision.decided_on > today:
        problems["decided_on"] = "A decision cannot be dated after today."
    if decision.notified_on is not None and decision.notified_on < decision.decided_on:
        problems["notified_on"] = "The applicant cannot be told of a decision before it is made."
    problems |= _detail_problems(decision)
    if len(decision.reasons) > REASONS_MAX_CHARS:
        problems["reasons"] = f"Reasons hold at most {REASONS_MAX_CHARS:,} characters."
    elif not problems and is_adverse(_event_for(decision)) and not decision.reasons.strip():
        problems["reasons"] = (
            "Give the reasons for this decision: a decision against the applicant must say why."
        )
    return problems


def _detail_problems(decision: DecisionInput) -> dict[str, str]:
    what = decision.what
    problems: dict[str, str] = {}
    if what == "notice_to_quit":
        if decision.notice_kind is None:
            problems["notice_kind"] = "Choose the kind of notice."
        if decision.notice_expires_on is None:
            problems["notice_expires_on"] = (
                "Enter the date the notice expires (for a section 8 notice, the date it gives)."
            )
    elif what in _ENDINGS:
        if decision.reason is None:
            problems["reason"] = "Choose why the duty ended."
        elif not isinstance(decision.reason, _ENDINGS[what]):
            problems["reason"] = "That is not one of the ways this duty ends."
    elif what == "priority_need_decided" and decision.priority_need is None:
        problems["priority_need"] = "Choose whether the applicant is in priority need."
    elif what == "intentionality_decided" and decision.intentional is None:
        problems["intentional"] = "Choose whether the applicant became homeless intentionally."
    elif what == "review_requested":
        if decision.refers_to_decision_id is None:
            problems["refers_to_decision_id"] = "Choose the decision to be reviewed."
        if decision.reviewer is None:
            problems["reviewer"] = "Choose who will carry out the review."
    elif what == "review_decided":
        if decision.refers_to_decision_id is None:
            problems["refers_to_decision_id"] = "Choose the review request this decides."
        if decision.outcome is None:
            problems["outcome"] = "Choose the outcome of the review."
    elif what == "placement_started":
        if decision.placement_kind is None:
            problems["placement_kind"] = "Choose the kind of accommodation."
        if len((decision.placement or "").strip()) > PLACEMENT_ID_MAX_CHARS:
            problems["placement"] = (
                f"A placement's name holds at most {PLACEMENT_ID_MAX_CHARS} characters."
            )
    elif what == "placement_ended" and not (decision.placement or "").strip():
        problems["placement"] = "Choose the placement that ended."
    return problems


def _event_for(decision: DecisionInput, of: int = 0) -> CaseEvent:
    """The engine's event for an input with no problems; a review points at history index
    `of` (the records point at records: services/duty_history.py)."""
    event_class = EVENT_TYPES[decision.what]
    details: dict[str, Any] = {"on": decision.decided_on, "notified_on": decision.notified_on}
    if event_class is NoticeToQuit:
        details |= {"kind": decision.notice_kind, "expires_on": decision.notice_expires_on}
    elif event_class in (PreventionDutyEnded, ReliefDutyEnded, MainDutyEnded):
        details["reason"] = decision.reason
    elif event_class is PriorityNeedDecided:
        details["priority_need"] = decision.priority_need
    elif event_class is IntentionalityDecided:
        details["intentional"] = decision.intentional
    elif event_class is ReviewRequested:
        details |= {"of": of, "reviewer": decision.reviewer}
    elif event_class is ReviewDecided:
        details |= {"of": of, "outcome": decision.outcome}
    elif event_class is PlacementStarted or event_class is PlacementEnded:
        details |= {
            "placement": (decision.placement or "").strip(),
            "kind": decision.placement_kind,
        }
    return event_class(**details)


# --- The officer's actions ------------------------------------------------------------------


def record_decision(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    decision: DecisionInput,
    *,
    today: date,
) -> DecisionView:
    """Record a decision, or a fact such as a notice to quit, on a case.

    Refused with InvalidInput (a field's problem) or DecisionRefused (the Act does not allow it
    after the case's history; the engine's reason), with nothing written. A decision that needs
    a second officer (a s193B notice) is stored as pending: it joins the duty history when a
    senior officer authorises it (`authorise_decision`).
    """
    require(officer, Permission.DECIDE)
    if problems := decision_problems(decision, today=today):
        raise InvalidInput(problems)
    with store.begin() as session:
        live_case(session, case_id)
        _caseworker(session, officer)
        decisions = case_decisions(session, case_id)
        record = _new_record(decisions, officer, decision)
        _refuse_unless_lawful(decisions, record)
        session.add(record)
        refresh_case_clocks(session, case_id)
        return _view_of(session, decisions, record)


def authorise_decision(store: Store, officer: OfficerView, decision_id: uuid.UUID) -> DecisionView:
    """A second officer authorises a pending decision, which then joins the duty history.

    SI 2018/223 regs 2-3: refused unless the officer is senior and took no part in the
    decision; refused too if the history has moved on so that the Act no longer allows it.
    """
    require(officer, Permission.AUTHORISE)
    with store.begin() as session:
        record = _stored_record(session, decision_id)
        decisions = case_decisions(session, record.case_id)
        if not record.needs_authorisation:
            raise DecisionRefused("This decision does not need a second officer's authorisation.")
        if record.id in decisions.authorisations:
            raise DecisionRefused("This decision has already been authorised.")
        if not decisions.is_current(record):
            raise DecisionRefused("This decision was corrected: authorise its correction instead.")
        authoriser = _caseworker(session, officer)
        if problem := second_officer_problem(
            decided_by=record.decided_by,
            authorised_by=authoriser.id,
            authoriser_role=authoriser.role,
        ):
            raise DecisionRefused(problem)
        _refuse_unless_lawful(decisions, record)
        authorisation = DecisionAuthorisation(
            case_id=record.case_id, decision_id=record.id, authorised_by=authoriser.id
        )
        session.add(authorisation)
        decisions.authorisations[record.id] = authorisation
        refresh_case_clocks(session, record.case_id)
        return _view_of(session, decisions, record)


def correct_decision(
    store: Store,
    officer: OfficerView,
    decision_id: uuid.UUID,
    corrected: DecisionInput,
    *,
    why: str,
    today: date,
) -> DecisionView:
    """Record a correction: a new record that takes the place of `decision_id` in the history.

    The old record stays as it was, marked as corrected. The corrected decision is checked like
    a new one; one that needs a second officer waits for authorisation again.
    """
    require(officer, Permission.DECIDE)
    problems = decision_problems(corrected, today=today)
    if problem := _why_problem(why):
        problems["why"] = problem
    if problems:
        raise InvalidInput(problems)
    with store.begin() as session:
        record = _stored_record(session, decision_id)
        _caseworker(session, officer)
        decisions = case_decisions(session, record.case_id)
        _refuse_unless_correctable(decisions, record)
        correction = _new_record(
            decisions, officer, corrected, corrects=record.id, correction_reason=why.strip()
        )
        _refuse_unless_lawful(decisions, correction)
        session.add(correction)
        refresh_case_clocks(session, record.case_id)
        return _view_of(session, decisions, correction)


def strike_out_decision(
    store: Store, officer: OfficerView, decision_id: uuid.UUID, *, why: str, today: date
) -> DecisionView:
    """Take a record out of the history (recorded in error, or a pending decision a senior
    officer will not authorise): a new record that strikes it out; the old one stays."""
    require(officer, Permission.DECIDE)
    if problem := _why_problem(why):
        raise InvalidInput({"why": problem})
    with store.begin() as session:
        record = _stored_record(session, decision_id)
        _caseworker(session, officer)
        decisions = case_decisions(session, record.case_id)
        _refuse_unless_correctable(decisions, record)
        strike_out = DutyDecision(
            id=uuid.uuid4(),
            case_id=record.case_id,
            what=STRUCK_OUT,
            decided_on=today,
            decided_by=officer.id,
            needs_authorisation=False,
            corrects_decision_id=record.id,
            correction_reason=why.strip(),
            created_at=utc_now(),
        )
        _refuse_unless_lawful(decisions, strike_out)
        session.add(strike_out)
        refresh_case_clocks(session, record.case_id)
        return _view_of(session, decisions, strike_out)


def _why_problem(why: str) -> str | None:
    if not why.strip():
        return "Say why the record is being corrected."
    if len(why) > REASONS_MAX_CHARS:
        return f"The explanation holds at most {REASONS_MAX_CHARS:,} characters."
    return None


def _stored_record(session: Session, decision_id: uuid.UUID) -> DutyDecision:
    record = session.get(DutyDecision, decision_id)
    if record is None:
        raise NotFound("That decision is not on this laptop.")
    live_case(session, record.case_id)
    return record


def _refuse_unless_correctable(decisions: CaseDecisions, record: DutyDecision) -> None:
    if record.what == STRUCK_OUT:
        raise DecisionRefused("A strike-out cannot itself be corrected.")
    if not decisions.is_current(record):
        raise DecisionRefused("This record has already been corrected: correct the latest one.")


def _caseworker(session: Session, officer: OfficerView) -> Officer:
    """The officer's own record: their role is read from the store, not from the caller."""
    row = session.get(Officer, officer.id)
    if row is None or row.deleted_at is not None:
        raise NotFound("Your officer record is not on this laptop.")
    if row.role is Role.VOLUNTEER:
        raise DecisionRefused("Volunteers cannot record decisions on a case.")
    return row


def _new_record(
    decisions: CaseDecisions,
    officer: OfficerView,
    decision: DecisionInput,
    *,
    corrects: uuid.UUID | None = None,
    correction_reason: str | None = None,
) -> DutyDecision:
    """The record for a checked input, not yet added to the session."""
    refers_to = None
    if decision.refers_to_decision_id is not None:
        target = decisions.latest_version(decision.refers_to_decision_id)
        if target is None or not decisions.counts(target) or target.id == corrects:
            raise InvalidInput(
                {
                    "refers_to_decision_id": "That decision is not in this case's duty history "
                    "(it may be waiting for authorisation, struck out or on another case)."
                }
            )
        refers_to = target.id
    if decision.what == "placement_started" and not (decision.placement or "").strip():
        # A short name the officer can read back ("P2"), never reused on the case.
        started = sum(record.what == "placement_started" for record in decisions.records)
        decision = replace(decision, placement=f"P{started + 1}")
    event = _event_for(decision)
    return DutyDecision(
        id=uuid.uuid4(),
        case_id=decisions.case_id,
        decided_by=officer.id,
        legal_basis=legal_basis(event),
        reasons=decision.reasons.strip() or None,
        needs_authorisation=decision.what in NEEDS_SECOND_OFFICER,
        refers_to_decision_id=refers_to,
        corrects_decision_id=corrects,
        correction_reason=correction_reason,
        created_at=utc_now(),
        **event_columns(event),
    )


def _refuse_unless_lawful(decisions: CaseDecisions, record: DutyDecision) -> None:
    """Replay the history as it would be with `record`; DecisionRefused if the Act refuses."""
    trial = decisions.in_history(adding=record)
    if not trial:
        return  # the only record struck out: no history, nothing to check
    try:
        replay(decisions.history(trial))
    except BrokenHistory as broken:
        raise DecisionRefused(
            f"A review refers to this decision: {broken}. Correct or strike out the review first."
        ) from None
    except CaseworkRefusal as refusal:
        raise DecisionRefused(_refusal_in_words(refusal, decisions, trial, record)) from None


def _refusal_in_words(
    refusal: CaseworkRefusal,
    decisions: CaseDecisions,
    trial: list[DutyDecision],
    record: DutyDecision | None,
) -> str:
    """The engine's reason, its event numbers and type names turned into the records and
    words they stand for; `record` is the one being checked ("this decision")."""

    def record_named(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(trial):
            return match.group(0)
        named = trial[index]
        return "this decision" if named is record else _short_name(decisions, named)

    reason = _EVENT_INDEX.sub(record_named, refusal.reason)
    reason = _EVENT_TYPE.sub(lambda match: f'"{DECISION_WORDS[match.group(1)]}"', reason)
    # The engine writes dates as the JSON contract does (2026-10-01); officers read words.
    reason = _ISO_DATE.sub(lambda match: _in_words(date.fromisoformat(match.group(0))), reason)
    if refusal.index is None or trial[refusal.index] is record:
        return _sentence(reason)
    culprit = _short_name(decisions, trial[refusal.index])
    if record is None:
        return _sentence(f"the records do not make a lawful history at {culprit}: {reason}")
    return _sentence(f"that would leave {culprit} unlawful: {reason}")


def _short_name(decisions: CaseDecisions, record: DutyDecision) -> str:
    return f'"{label_of(decisions, record)}" of {_in_words(record.decided_on)}'


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


# --- Words ----------------------------------------------------------------------------------


def label_of(decisions: CaseDecisions, record: DutyDecision, *, depth: int = 0) -> str:
    """What a record says, in plain words: "Relief duty ended: refused a final offer"."""
    if record.what == STRUCK_OUT:
        struck = decisions.get(record.corrects_decision_id) if record.corrects_decision_id else None
        return "Struck out" + (f": {label_of(decisions, struck)}" if struck else "")
    event = event_of(record, 0)
    words = DECISION_WORDS[record.what]
    detail = _detail_words(event)
    if record.refers_to_decision_id is not None and depth == 0:
        target = decisions.get(record.refers_to_decision_id)
        if target is not None:
            reviewed = label_of(decisions, target, depth=1)
            detail = f"{detail}, of {reviewed}" if detail else f"of {reviewed}"
    return f"{words}: {detail}" if detail else words


def _detail_words(event: CaseEvent) -> str:
    match event:
        case NoticeToQuit(kind=kind, expires_on=expires_on):
            return f"{NOTICE_WORDS[kind]}, expires {_in_words(expires_on)}"
        case PreventionDutyEnded(reason=reason) | ReliefDutyEnded(reason=reason):
            return ENDING_WORDS[reason]
        case MainDutyEnded(reason=reason):
            return ENDING_WORDS[reason]
        case PriorityNeedDecided(priority_need=priority_need):
            return "in priority need" if priority_need else "not in priority need"
        case IntentionalityDecided(intentional=intentional):
            return "intentionally homeless" if intentional else "not intentionally homeless"
        case ReviewRequested(reviewer=reviewer):
            return f"by {REVIEWER_WORDS[reviewer]}"
        case ReviewDecided(outcome=outcome):
            return OUTCOME_WORDS[outcome]
        case PlacementStarted(placement=placement, kind=kind):
            return f"{placement}, {PLACEMENT_WORDS[kind]}"
        case PlacementEnded(placement=placement):
            return placement
    return ""


# --- The Duties tab -------------------------------------------------------------------------


def duty_view(store: Store, officer: OfficerView, case_id: uuid.UUID, *, as_of: date) -> DutyView:
    """The case's duty on `as_of`, since when, every clock, the timeline of its decisions,
    those waiting for a second officer, and the decisions the law allows now."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        case = live_case(session, case_id)
        decisions = case_decisions(session, case_id)
        names = _officer_names(session, decisions)
        history_records = decisions.in_history()
        state: DutyState | None = None
        next_events: tuple[CaseEvent, ...] = ()
        problem = None
        if history_records:
            try:
                history = decisions.history(history_records)
                if as_of >= history.events[0].on:
                    state = replay(history, as_of)
                next_events = legal_next_decisions(history, as_of)
            except CaseworkRefusal as refusal:
                problem = _refusal_in_words(refusal, decisions, history_records, None)
                state, next_events = None, ()
            except BrokenHistory as broken:
                state, next_events, problem = None, (), _sentence(str(broken))
        timeline = tuple(
            _decision_view(decisions, record, names)
            for record in decisions.ordered(decisions.records)
        )
        duty = state.duty if state else Duty.NONE
        return DutyView(
            case_id=case.id,
            reference=case.reference,
            as_of=as_of,
            duty=duty,
            duty_label=DUTY_LABELS[duty],
            duty_basis=duty.basis,
            duty_since=state.duty_since if state else None,
            priority_need=state.priority_need if state else None,
            intentionally_homeless=state.intentionally_homeless if state else None,
            bed_and_breakfast_nights=state.bed_and_breakfast_nights if state else 0,
            timeline=timeline,
            clocks=_clocks(state, history_records),
            pending=tuple(view for view in timeline if view.status is DecisionStatus.PENDING),
            next_actions=_next_actions(
                case, decisions, history_records, next_events, as_of, problem
            ),
            problem=problem,
        )


def _clocks(state: DutyState | None, records: list[DutyDecision]) -> tuple[ClockView, ...]:
    if state is None:
        return ()
    return tuple(
        clock_view(
            deadline.kind, deadline.due_on, deadline.basis, records[deadline.event].id, state.as_of
        )
        for deadline in state.deadlines
    )


def clock_view(
    kind: DeadlineKind, due_on: date, basis: str, decision_id: uuid.UUID, as_of: date
) -> ClockView:
    days_left = (due_on - as_of).days
    return ClockView(
        kind=kind,
        label=DEADLINE_LABELS[kind],
        due_on=due_on,
        days_left=days_left,
        overdue=days_left < 0,
        due_soon=0 <= days_left <= DUE_SOON_DAYS,
        basis=basis,
        decision_id=decision_id,
    )


def _next_actions(
    case: HousingCase,
    decisions: CaseDecisions,
    records: list[DutyDecision],
    next_events: Iterable[CaseEvent],
    as_of: date,
    problem: str | None,
) -> tuple[NextAction, ...]:
    if problem is not None:
        return ()
    if not records:
        # Nothing counts yet: the history begins with the application (s183).
        application = Application(on=min(case.approached_on, as_of))
        return (_action(decisions, application, None),)
    if as_of < records[-1].decided_on:
        return ()  # the law's next step is judged after the whole history
    waiting = {
        _action_id(event_of(record, 0), record.refers_to_decision_id)
        for record in decisions.pending()
    }
    actions = [_action(decisions, event, _refers_to(event, records)) for event in next_events]
    # A decision already waiting for a second officer is not offered again. Facts (a notice to
    # quit, a placement starting) can be recorded at any time: the engine lists only decisions.
    return tuple(action for action in actions if action.action_id not in waiting) + tuple(
        _fact_actions(as_of)
    )


def _fact_actions(as_of: date) -> list[NextAction]:
    return [
        NextAction(
            action_id="notice_to_quit",
            label=ACTION_WORDS["notice_to_quit"],
            group="fact",
            legal_basis=None,
            template=DecisionInput(what="notice_to_quit", decided_on=as_of),
            reasons_required=False,
            needs_second_officer=False,
        ),
        NextAction(
            action_id="placement_started",
            label=ACTION_WORDS["placement_started"],
            group="placement",
            legal_basis=None,
            template=DecisionInput(what="placement_started", decided_on=as_of),
            reasons_required=False,
            needs_second_officer=False,
        ),
    ]


def _refers_to(event: CaseEvent, records: list[DutyDecision]) -> uuid.UUID | None:
    if isinstance(event, ReviewRequested | ReviewDecided):
        return records[event.of].id
    return None


def _action_id(event: CaseEvent, refers_to: uuid.UUID | None) -> str:
    what = event_type_name(event)
    match event:
        case PreventionDutyEnded(reason=reason) | ReliefDutyEnded(reason=reason):
            return f"{what}:{reason.value}"
        case MainDutyEnded(reason=reason):
            return f"{what}:{reason.value}"
        case (
            PriorityNeedDecided(priority_need=finding) | IntentionalityDecided(intentional=finding)
        ):
            return f"{what}:{'yes' if finding else 'no'}"
        case PlacementEnded(placement=placement):
            return f"{what}:{placement}"
    return f"{what}:{refers_to}" if refers_to is not None else what


def _action(decisions: CaseDecisions, event: CaseEvent, refers_to: uuid.UUID | None) -> NextAction:
    what = event_type_name(event)
    template = DecisionInput(
        what=what,
        decided_on=event.on,
        reason=getattr(event, "reason", None),
        priority_need=getattr(event, "priority_need", None),
        intentional=getattr(event, "intentional", None),
        refers_to_decision_id=refers_to,
        reviewer=getattr(event, "reviewer", None),
        outcome=getattr(event, "outcome", None),
        placement=getattr(event, "placement", None),
    )
    target = decisions.get(refers_to) if refers_to is not None else None
    if target is not None:
        detail = f"{label_of(decisions, target)} of {_in_words(target.decided_on)}"
    else:
        detail = _detail_words(event)
    label = ACTION_WORDS[what]
    return NextAction(
        action_id=_action_id(event, refers_to),
        label=f"{label}: {detail}" if detail else label,
        group=_GROUPS[what],
        legal_basis=legal_basis(event),
        template=template,
        reasons_required=is_adverse(event),
        needs_second_officer=what in NEEDS_SECOND_OFFICER,
    )


# --- Views of records -----------------------------------------------------------------------


def _officer_names(session: Session, decisions: CaseDecisions) -> dict[uuid.UUID, str]:
    ids = {record.decided_by for record in decisions.records} | {
        authorisation.authorised_by for authorisation in decisions.authorisations.values()
    }
    if not ids:
        return {}
    rows = session.execute(select(Officer.id, Officer.display_name).where(Officer.id.in_(ids)))
    return {officer_id: name for officer_id, name in rows}


def _view_of(session: Session, decisions: CaseDecisions, record: DutyDecision) -> DecisionView:
    """The view of a record just written, with the case's records as they now stand."""
    session.flush()
    updated = case_decisions(session, record.case_id)
    return _decision_view(updated, record, _officer_names(session, updated))


def _decision_view(
    decisions: CaseDecisions, record: DutyDecision, names: dict[uuid.UUID, str]
) -> DecisionView:
    authorisation = decisions.authorisations.get(record.id)
    if record.what == STRUCK_OUT:
        status = DecisionStatus.STRIKES_OUT
    elif not decisions.is_current(record):
        status = DecisionStatus.CORRECTED
    elif decisions.is_pending(record):
        status = DecisionStatus.PENDING
    else:
        status = DecisionStatus.IN_HISTORY
    return DecisionView(
        decision_id=record.id,
        what=record.what,
        label=label_of(decisions, record),
        decided_on=record.decided_on,
        notified_on=record.notified_on or record.decided_on,
        legal_basis=record.legal_basis,
        decided_by_id=record.decided_by,
        decided_by_name=names.get(record.decided_by, "an officer not on this laptop"),
        reasons=record.reasons,
        status=status,
        needs_authorisation=record.needs_authorisation,
        authorised_by_name=names.get(authorisation.authorised_by) if authorisation else None,
        authorised_at=authorisation.authorised_at if authorisation else None,
        corrects_decision_id=record.corrects_decision_id,
        correction_reason=record.correction_reason,
        corrected_by_decision_id=decisions.corrected_by.get(record.id),
        refers_to_decision_id=record.refers_to_decision_id,
        recorded_at=record.created_at,
    )


_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _in_words(day: date) -> str:
    """'5 November 2026': how officers read a date in a label or a refusal."""
    return f"{day.day} {day:%B %Y}"
