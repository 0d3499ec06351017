"""Properties of the duty engine over generated, lawful case histories (hypothesis).

A history is grown one event at a time from the decisions the engine itself says are legal,
with facts (notices to quit, placements) mixed in, so every history generated replays.
"""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hoclient.casework.case_events import (
    Application,
    CaseEvent,
    CaseHistory,
    Household,
    HouseholdMember,
    NoticeKind,
    NoticeToQuit,
    PlacementKind,
    PlacementStarted,
    ReviewDecided,
    ReviewRequested,
)
from hoclient.casework.case_history import (
    DeadlineKind,
    DutyState,
    legal_next_decisions,
    replay,
)

GENERATED = settings(max_examples=60, deadline=None)

households = st.builds(
    Household,
    st.builds(HouseholdMember, born_on=st.just(date(1990, 5, 1)), pregnant=st.booleans()),
    st.lists(
        st.builds(
            HouseholdMember,
            relationship=st.just("child"),
            born_on=st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 1, 1)),
        ),
        max_size=2,
    ).map(tuple),
)


@st.composite
def lawful_histories(draw: st.DrawFn) -> CaseHistory:
    household = draw(households)
    on = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)))
    events: list[CaseEvent] = [Application(on=on)]
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        on += timedelta(days=draw(st.integers(min_value=0, max_value=70)))
        decisions = legal_next_decisions(CaseHistory(household, tuple(events)), on)
        # Mostly decisions, so that histories travel through every duty; now and then a fact.
        # Findings may be recorded in any state, so some decision is always legal.
        if draw(st.integers(min_value=0, max_value=4)):
            # A kind of decision first, then one of its kind: the many review requests and
            # findings open in every state would otherwise crowd out the duties.
            kind = draw(st.sampled_from(sorted({type(d).__name__ for d in decisions})))
            event = draw(st.sampled_from([d for d in decisions if type(d).__name__ == kind]))
        elif draw(st.booleans()):
            event = NoticeToQuit(on=on, kind=draw(st.sampled_from(NoticeKind)), expires_on=on)
        else:
            kind = draw(st.sampled_from(PlacementKind))
            event = PlacementStarted(on=on, placement=f"P{len(events)}", kind=kind)
        late = draw(st.integers(min_value=0, max_value=4))
        events.append(replace(event, notified_on=on + timedelta(days=late)))
    return CaseHistory(household, tuple(events))


def days_after(history: CaseHistory) -> st.SearchStrategy[date]:
    last = history.events[-1].on
    return st.integers(min_value=0, max_value=120).map(lambda n: last + timedelta(days=n))


@GENERATED
@given(st.data())
def test_replaying_a_history_is_deterministic(data: st.DataObject) -> None:
    history = data.draw(lawful_histories())
    as_of = data.draw(days_after(history))
    assert replay(history, as_of) == replay(history, as_of)
    # What happened after a day cannot change the state on that day.
    cut = data.draw(st.integers(min_value=1, max_value=len(history.events)))
    on = history.events[cut - 1].on
    earlier = replace(history, events=tuple(e for e in history.events if e.on <= on))
    assert replay(history, on) == replay(earlier, on)


@GENERATED
@given(st.data())
def test_a_deadline_never_falls_before_its_start(data: st.DataObject) -> None:
    history = data.draw(lawful_histories())
    state = replay(history, data.draw(days_after(history)))
    first_night_in_bed_and_breakfast = min(
        (
            event.on
            for event in history.events
            if isinstance(event, PlacementStarted) and event.kind is PlacementKind.BED_AND_BREAKFAST
        ),
        default=None,
    )
    for deadline in state.deadlines:
        if deadline.kind is DeadlineKind.BED_AND_BREAKFAST_LIMIT:
            # The 42 nights are a household's total: they run from its first night in B&B.
            assert first_night_in_bed_and_breakfast is not None
            assert deadline.due_on >= first_night_in_bed_and_breakfast
        else:
            assert deadline.due_on >= history.events[deadline.event].on


UNRELATED = [
    NoticeToQuit(on=date.min, kind=NoticeKind.OTHER, expires_on=date(2030, 1, 1)),
    PlacementStarted(on=date.min, placement="unrelated", kind=PlacementKind.OTHER),
    PlacementStarted(on=date.min, placement="unrelated", kind=PlacementKind.SELF_CONTAINED),
]


def with_event_inserted(history: CaseHistory, at: int, event: CaseEvent) -> CaseHistory:
    """`event` put in at index `at` on the day before it, every later `of` moved along."""

    def moved(later: CaseEvent) -> CaseEvent:
        if isinstance(later, ReviewRequested | ReviewDecided) and later.of >= at:
            return replace(later, of=later.of + 1)
        return later

    events = history.events
    inserted = replace(event, on=events[at - 1].on)
    return replace(history, events=(*events[:at], inserted, *map(moved, events[at:])))


def clocks_of(state: DutyState, *, inserted_at: int | None = None) -> object:
    def original_index(index: int) -> int:
        return index - 1 if inserted_at is not None and index > inserted_at else index

    return (
        state.duty,
        state.duty_since,
        state.bed_and_breakfast_nights,
        [(d.kind, d.due_on, d.basis, original_index(d.event)) for d in state.deadlines],
    )


@GENERATED
@given(st.data())
def test_an_unrelated_event_never_changes_a_clock(data: st.DataObject) -> None:
    history = data.draw(lawful_histories())
    at = data.draw(st.integers(min_value=1, max_value=len(history.events)))
    unrelated = data.draw(st.sampled_from(UNRELATED))
    as_of = data.draw(days_after(history))
    noted = with_event_inserted(history, at, unrelated)
    assert clocks_of(replay(noted, as_of), inserted_at=at) == clocks_of(replay(history, as_of))
