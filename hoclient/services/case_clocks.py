"""Each case's clocks, worked out once per change and kept in case_clock (models/case_clock.py).

The Deadlines view lists every case's clocks on a day; replaying 20,000 histories for it takes
seconds (benchmarks/README.md), so each service that changes a case's duty history or household
calls `refresh_case_clocks` in its own transaction. The rows say, for each clock the engine
lists, on which days it lists it. After a case's last event the engine's answer changes only
on the days its clocks run out (a review request deadline drops off the day after its last
day; relief ends by itself the day after day 56) and on the days a household member is born or
turns 18 (a child counts for the B&B limit). So the engine is asked on the last event's day
and then on each of those days, until nothing more can change.
"""

import gc
import uuid
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from hoclient.casework.case_events import (
    ADULT_AGE_YEARS,
    CaseHistory,
    PlacementEnded,
    PlacementKind,
    PlacementStarted,
)
from hoclient.casework.case_history import CaseworkRefusal, Deadline, replay
from hoclient.models import CaseClock, CaseClockReplay, DutyDecision, HousingCase
from hoclient.models.types import utc_now
from hoclient.services.duty_history import (
    BrokenHistory,
    DecisionFacts,
    Decisions,
    case_decisions,
    many_case_decisions,
)

_Record = TypeVar("_Record", DutyDecision, DecisionFacts)

ONE_DAY = timedelta(days=1)
# A history settles in a handful of steps; more than this is a bug, not a long case.
_MOST_STEPS = 200


@dataclass(frozen=True)
class ClockWindow:
    """A clock, and the days on which the engine lists it."""

    deadline: Deadline
    shown_from: date
    shown_until: date | None  # None: every later day, until the history changes


def clock_windows(history: CaseHistory) -> list[ClockWindow]:
    """Every clock of `history` from the day of its last event on, with the days it is listed."""
    day = history.events[-1].on
    household_days = sorted(_household_days(history)) if _in_bed_and_breakfast(history) else []
    opened: dict[Deadline, date] = {}
    windows: list[ClockWindow] = []
    for _step in range(_MOST_STEPS):
        listed = set(replay(history, day).deadlines)
        for deadline in [d for d in opened if d not in listed]:
            windows.append(ClockWindow(deadline, opened.pop(deadline), day - ONE_DAY))
        for deadline in listed:
            opened.setdefault(deadline, day)
        next_days = [d.due_on + ONE_DAY for d in listed if d.due_on >= day]
        next_days += [d for d in household_days if d > day]
        if not next_days:
            break
        day = min(next_days)
    else:
        raise RuntimeError(f"the clocks of a case did not settle in {_MOST_STEPS} steps")
    windows += [ClockWindow(deadline, since, None) for deadline, since in opened.items()]
    return sorted(windows, key=lambda w: (w.shown_from, w.deadline.due_on, w.deadline.kind.value))


def _in_bed_and_breakfast(history: CaseHistory) -> bool:
    """Whether a B&B placement is still open after the last event: the household's ages matter
    only to the B&B limit (SI 2003/3326), which runs only while one is."""
    open_kinds: dict[str, PlacementKind] = {}
    for event in history.events:
        if isinstance(event, PlacementStarted):
            open_kinds[event.placement] = event.kind
        elif isinstance(event, PlacementEnded):
            open_kinds.pop(event.placement, None)
    return PlacementKind.BED_AND_BREAKFAST in open_kinds.values()


def _household_days(history: CaseHistory) -> Iterator[date]:
    household = history.household
    for member in (household.applicant, *household.members):
        if member.born_on is not None:
            yield member.born_on
            yield _birthday(member.born_on, ADULT_AGE_YEARS)


def _birthday(born_on: date, years: int) -> date:
    """The day someone turns `years` old (born on 29 February: 1 March, as casework counts)."""
    try:
        return born_on.replace(year=born_on.year + years)
    except ValueError:
        return date(born_on.year + years, 3, 1)


def clock_rows(
    case_id: uuid.UUID, windows: Iterable[ClockWindow], decision_ids: list[uuid.UUID]
) -> list[dict[str, object]]:
    """case_clock rows for the windows of a history whose events are the records
    `decision_ids`, in order."""
    return [
        {
            "case_id": case_id,
            "kind": window.deadline.kind.value,
            "due_on": window.deadline.due_on,
            "basis": window.deadline.basis,
            "decision_id": decision_ids[window.deadline.event],
            "shown_from": window.shown_from,
            "shown_until": window.shown_until,
        }
        for window in windows
    ]


def refresh_case_clocks(session: Session, case_id: uuid.UUID) -> None:
    """Work out one case's clocks again from its decisions and household; call it in the same
    transaction as any change to either."""
    session.flush()  # the change being made must be in what is read back
    session.execute(delete(CaseClock).where(CaseClock.case_id == case_id))
    session.execute(delete(CaseClockReplay).where(CaseClockReplay.case_id == case_id))
    worked_out = _clocks_of(case_decisions(session, case_id))
    if worked_out is not None:
        rows, replayed_from = worked_out
        write_clock_rows(session, rows, [(case_id, replayed_from)])


def _clocks_of(decisions: Decisions[_Record, Any]) -> tuple[list[dict[str, object]], date] | None:
    """A case's clock rows and the day they hold from; None if it has no clocks on any day:
    no application yet, or a history the engine refuses. The services refuse every unlawful
    change, so only records merged from two laptops can do that; the case's Duties tab then
    says why (DutyView.problem)."""
    records = decisions.in_history()
    if not records:
        return None
    try:
        history = decisions.history(records)
        windows = clock_windows(history)
    except (CaseworkRefusal, BrokenHistory):
        return None
    return clock_rows(decisions.case_id, windows, [r.id for r in records]), history.events[-1].on


def write_clock_rows(
    session: Session,
    rows: list[dict[str, object]],
    replayed: Iterable[tuple[uuid.UUID, date]],
) -> None:
    """Bulk-insert clock rows, and each case's day from which they hold."""
    # Core inserts on the session's connection: the ORM's bulk path costs more per row, and
    # these rows are never loaded as objects in the same session.
    connection = session.connection()
    if rows:
        connection.execute(insert(CaseClock), rows)
    replayed_at = utc_now()
    replay_rows = [
        {"case_id": case_id, "replayed_from": replayed_from, "replayed_at": replayed_at}
        for case_id, replayed_from in replayed
    ]
    if replay_rows:
        connection.execute(insert(CaseClockReplay), replay_rows)


_CASES_PER_BATCH = 500


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Work out many cases' clocks without the cycle collector: the rows, records and events
    made here are tens of thousands of short-lived containers with no cycles, which reference
    counting frees, yet they set off collection after collection (a fifth of the time of 2,000
    cases, benchmarks/README.md). Whoever paused it first turns it back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def refresh_clocks_of_cases(session: Session, case_ids: Collection[uuid.UUID]) -> None:
    """refresh_case_clocks for many cases, a few queries per 500 cases rather than per case:
    sync calls it for every case a pulled page or an imported bundle touched (a first sync
    brings thousands)."""
    session.flush()
    wanted = sorted(case_ids)
    with _cyclic_gc_paused():
        _refresh_in_batches(session, wanted)


def _refresh_in_batches(session: Session, wanted: list[uuid.UUID]) -> None:
    for start in range(0, len(wanted), _CASES_PER_BATCH):
        chunk = wanted[start : start + _CASES_PER_BATCH]
        session.execute(delete(CaseClock).where(CaseClock.case_id.in_(chunk)))
        session.execute(delete(CaseClockReplay).where(CaseClockReplay.case_id.in_(chunk)))
        rows: list[dict[str, object]] = []
        replayed: list[tuple[uuid.UUID, date]] = []
        for decisions in many_case_decisions(
            session, select(HousingCase.id).where(HousingCase.id.in_(chunk))
        ):
            worked_out = _clocks_of(decisions)
            if worked_out is not None:
                rows += worked_out[0]
                replayed.append((decisions.case_id, worked_out[1]))
        write_clock_rows(session, rows, replayed)


def refresh_every_case_clock(session: Session) -> int:
    """Rebuild the whole table from the decisions (after sync brings in other laptops' records,
    or to check it); the number of cases with clocks on some day."""
    session.execute(delete(CaseClock))
    session.execute(delete(CaseClockReplay))
    rows: list[dict[str, object]] = []
    replayed: list[tuple[uuid.UUID, date]] = []
    with _cyclic_gc_paused():
        for decisions in many_case_decisions(session):
            worked_out = _clocks_of(decisions)
            if worked_out is not None:
                rows += worked_out[0]
                replayed.append((decisions.case_id, worked_out[1]))
        write_clock_rows(session, rows, replayed)
    return len(replayed)
