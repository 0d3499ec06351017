"""Every decision from every duty: allowed where the Act allows it, refused everywhere else.

The table reads like issue 4's rules (HA 1996 Part 7). Each row is a decision, with the states
it may be made from; every other state must refuse it, naming the event.
"""

from collections.abc import Callable
from datetime import date

import pytest

from hoclient.casework.case_events import (
    Application,
    CaseEvent,
    IntentionalityDecided,
    MainDutyAccepted,
    MainDutyEnded,
    NoDuty,
    NonCooperationNotice,
    NotEligible,
    NoticeKind,
    NoticeToQuit,
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
from hoclient.casework.case_history import CaseworkRefusal, legal_next_decisions, replay
from hoclient.casework.duties import Duty, MainDutyEnding, PreventionEnding, ReliefEnding
from tests.casework.cases import REACHED, history

EVERY_STATE = frozenset(REACHED)
ENDED = {"ended after prevention", "ended after relief", "ended after main"}

Decision = Callable[[date], tuple[CaseEvent, ...]]

# decision -> (the events that make it, the states it may be made from)
TABLE: dict[str, tuple[Decision, frozenset[str]]] = {
    # T2/T3: s184 decisions that no duty is owed come only before any duty.
    "not_eligible": (lambda on: (NotEligible(on=on),), frozenset({"none"})),
    "no_duty": (lambda on: (NoDuty(on=on),), frozenset({"none"})),
    # T5: s195(1) satisfied threatened and eligible.
    "prevention_duty_accepted": (
        lambda on: (PreventionDutyAccepted(on=on),),
        frozenset({"none"}),
    ),
    # s195(5): only a prevention duty can be ended by a prevention notice.
    "prevention_duty_ended": (
        lambda on: (PreventionDutyEnded(on=on, reason=PreventionEnding.WITHDRAWN),),
        frozenset({"prevention"}),
    ),
    # T6, T9: s189B(1) from inquiries; from prevention it ends prevention (s195(8)(c)).
    "relief_duty_accepted": (
        lambda on: (ReliefDutyAccepted(on=on),),
        frozenset({"none", "prevention", "ended after prevention"}),
    ),
    # s189B(5): only a relief duty can be ended by a relief notice.
    "relief_duty_ended": (
        lambda on: (ReliefDutyEnded(on=on, reason=ReliefEnding.WITHDRAWN),),
        frozenset({"relief"}),
    ),
    # Findings may be recorded at any time; the latest counts.
    "priority_need_decided": (
        lambda on: (PriorityNeedDecided(on=on, priority_need=False),),
        EVERY_STATE,
    ),
    "intentionality_decided": (
        lambda on: (IntentionalityDecided(on=on, intentional=True),),
        EVERY_STATE,
    ),
    # s193B(1): warnings and notices only while prevention or relief is owed.
    "relevant_warning": (lambda on: (RelevantWarning(on=on),), frozenset({"prevention", "relief"})),
    "non_cooperation_notice": (
        lambda on: (NonCooperationNotice(on=on),),
        frozenset({"prevention", "relief"}),
    ),
    # s193(1): from relief, after relief has ended, or to notify a main duty already owed;
    # the findings are recorded first so only the state decides.
    "main_duty_accepted": (
        lambda on: (
            PriorityNeedDecided(on=on, priority_need=True),
            IntentionalityDecided(on=on, intentional=False),
            MainDutyAccepted(on=on),
        ),
        frozenset({"relief", "main"} | ENDED),
    ),
    # s193(5)-(7AA): only the main duty ends by these events.
    "main_duty_ended": (
        lambda on: (MainDutyEnded(on=on, reason=MainDutyEnding.ACCEPTED_PRSO),),
        frozenset({"main"}),
    ),
    # One application makes one case: a new application is a new case.
    "application": (lambda on: (Application(on=on),), frozenset()),
    # Notices and placements are facts: they can be recorded whatever the duty.
    "notice_to_quit": (
        lambda on: (NoticeToQuit(on=on, kind=NoticeKind.SECTION_21, expires_on=on),),
        EVERY_STATE,
    ),
    "placement_started": (
        lambda on: (PlacementStarted(on=on, placement="p1", kind=PlacementKind.BED_AND_BREAKFAST),),
        EVERY_STATE,
    ),
}

CASES = [
    pytest.param(state, decision, state in allowed, id=f"{decision} from {state}")
    for decision, (_, allowed) in TABLE.items()
    for state in sorted(EVERY_STATE)
]


@pytest.mark.parametrize(("state", "decision", "allowed"), CASES)
def test_a_decision_is_allowed_only_from_the_states_the_act_allows(
    state: str, decision: str, allowed: bool
) -> None:
    reached = REACHED[state]
    make, _ = TABLE[decision]
    events = (*reached.events, *make(reached.next_on))
    if allowed:
        replay(history(*events))
        return
    with pytest.raises(CaseworkRefusal) as refusal:
        replay(history(*events))
    assert refusal.value.index == len(events) - 1
    assert str(refusal.value).startswith(f"event {len(events) - 1}: ")


@pytest.mark.parametrize("state", sorted(EVERY_STATE))
def test_the_next_legal_decisions_are_the_rows_allowed_from_the_state(state: str) -> None:
    reached = REACHED[state]
    offered = {
        event_type_name(event)
        for event in legal_next_decisions(history(*reached.events), reached.next_on)
    }
    expected = {
        decision
        for decision, (make, allowed) in TABLE.items()
        # main_duty_accepted needs findings the state may not hold: tried separately below.
        if state in allowed
        and decision not in {"main_duty_accepted", "placement_started", "notice_to_quit"}
    }
    assert offered - {"main_duty_accepted", "review_requested", "review_decided"} == expected


@pytest.mark.parametrize(
    ("state", "duty"),
    [
        ("none", Duty.NONE),
        ("prevention", Duty.PREVENTION),
        ("relief", Duty.RELIEF),
        ("main", Duty.MAIN),
        ("s190", Duty.S190),
        ("s193c", Duty.S193C),
        ("no_duty", Duty.NO_DUTY),
        ("ended after prevention", Duty.ENDED),
        ("ended after relief", Duty.ENDED),
        ("ended after main", Duty.ENDED),
    ],
)
def test_each_history_reaches_the_duty_it_is_named_for(state: str, duty: Duty) -> None:
    reached = REACHED[state]
    assert replay(history(*reached.events), reached.next_on).duty is duty


@pytest.mark.parametrize(
    ("state", "events", "duty"),
    [
        ("none", lambda on: (NotEligible(on=on),), Duty.NO_DUTY),
        ("none", lambda on: (NoDuty(on=on),), Duty.NO_DUTY),
        ("none", lambda on: (PreventionDutyAccepted(on=on),), Duty.PREVENTION),
        ("none", lambda on: (ReliefDutyAccepted(on=on),), Duty.RELIEF),
        ("prevention", lambda on: (ReliefDutyAccepted(on=on),), Duty.RELIEF),
        (
            "prevention",
            lambda on: (PreventionDutyEnded(on=on, reason=PreventionEnding.BECAME_HOMELESS),),
            Duty.ENDED,
        ),
        ("prevention", lambda on: (NonCooperationNotice(on=on),), Duty.ENDED),
        ("ended after prevention", lambda on: (ReliefDutyAccepted(on=on),), Duty.RELIEF),
        ("relief", lambda on: (NonCooperationNotice(on=on),), Duty.ENDED),
        (
            "relief",
            lambda on: (
                PriorityNeedDecided(on=on, priority_need=True),
                IntentionalityDecided(on=on, intentional=False),
                NonCooperationNotice(on=on),
            ),
            Duty.S193C,
        ),
        (
            "relief",
            lambda on: (
                PriorityNeedDecided(on=on, priority_need=True),
                IntentionalityDecided(on=on, intentional=True),
                ReliefDutyEnded(
                    on=on, reason=ReliefEnding.INTENTIONALLY_HOMELESS_FROM_ACCOMMODATION
                ),
            ),
            Duty.S190,
        ),
        (
            "relief",
            lambda on: (
                PriorityNeedDecided(on=on, priority_need=True),
                IntentionalityDecided(on=on, intentional=True),
                ReliefDutyEnded(on=on, reason=ReliefEnding.REFUSED_FINAL_OFFER),
            ),
            Duty.ENDED,
        ),
        (
            "relief",
            lambda on: (
                PriorityNeedDecided(on=on, priority_need=False),
                IntentionalityDecided(on=on, intentional=True),
                ReliefDutyEnded(on=on, reason=ReliefEnding.REFUSED_SUITABLE_OFFER),
            ),
            Duty.ENDED,
        ),
        (
            "ended after relief",
            lambda on: (
                PriorityNeedDecided(on=on, priority_need=True),
                IntentionalityDecided(on=on, intentional=False),
                MainDutyAccepted(on=on),
            ),
            Duty.MAIN,
        ),
        (
            "main",
            lambda on: (MainDutyEnded(on=on, reason=MainDutyEnding.REFUSED_SUITABLE_OFFER),),
            Duty.ENDED,
        ),
    ],
)
def test_each_decision_leads_where_the_act_says(state: str, events: Decision, duty: Duty) -> None:
    reached = REACHED[state]
    assert replay(history(*reached.events, *events(reached.next_on))).duty is duty


@pytest.mark.parametrize("reason", list(PreventionEnding))
def test_prevention_ends_on_every_ground_once_its_56_days_have_passed(
    reason: PreventionEnding,
) -> None:
    reached = REACHED["prevention"]
    ended = PreventionDutyEnded(on=reached.next_on.replace(month=5), reason=reason)
    assert replay(history(*reached.events, ended)).duty is Duty.ENDED


@pytest.mark.parametrize("reason", list(MainDutyEnding))
def test_the_main_duty_ends_on_every_ground(reason: MainDutyEnding) -> None:
    reached = REACHED["main"]
    ended = MainDutyEnded(on=reached.next_on, reason=reason)
    state = replay(history(*reached.events, ended))
    assert (state.duty, state.duty_since) == (Duty.ENDED, reached.next_on)


@pytest.mark.parametrize("state", sorted(EVERY_STATE - {"none"}))
def test_the_decision_that_reached_a_state_can_be_reviewed_whatever_is_owed_now(
    state: str,
) -> None:
    reached = REACHED[state]
    # The warning that lets the table try a notice is not itself a decision s202(1) lists.
    last_decision = max(
        i for i, event in enumerate(reached.events) if not isinstance(event, RelevantWarning)
    )
    requested = ReviewRequested(on=reached.next_on, of=last_decision, reviewer=Reviewer.OFFICER)
    requested_at = len(reached.events)
    decided = ReviewDecided(on=reached.next_on, of=requested_at, outcome=ReviewOutcome.UPHELD)
    before = replay(history(*reached.events), reached.next_on)
    after = replay(history(*reached.events, requested, decided))
    assert (after.duty, after.duty_since) == (before.duty, before.duty_since)
