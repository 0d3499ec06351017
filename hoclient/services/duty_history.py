"""A case's duty history, derived: its decision records, turned into the engine's CaseHistory.

The records are append-only (hoclient.models.decision). The history is the records that count:
not corrected by a later record, not a strike-out, and authorised where the law needs a second
officer. They are put in date order; records of the same day keep the order they were first
recorded in (a correction takes the place of the record it corrects). The household facts the
engine needs (dates of birth, pregnancy) come from the case's household.

Helpers here take a Session and never commit: the services around them own the transaction.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Select, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.types import NullType

from hoclient.casework.case_events import (
    EVENT_TYPES,
    CaseEvent,
    CaseHistory,
    Household,
    HouseholdMember,
    IntentionalityDecided,
    MainDutyEnded,
    NoticeKind,
    NoticeToQuit,
    PlacementEnded,
    PlacementKind,
    PlacementStarted,
    PreventionDutyEnded,
    PriorityNeedDecided,
    ReliefDutyEnded,
    ReviewDecided,
    Reviewer,
    ReviewOutcome,
    ReviewRequested,
    event_type_name,
)
from hoclient.casework.duties import MainDutyEnding, PreventionEnding, ReliefEnding
from hoclient.models import DecisionAuthorisation, DutyDecision, Person
from hoclient.models import HouseholdMember as HouseholdMemberRow
from hoclient.models.decision import STRUCK_OUT
from hoclient.vocabulary import Relationship

_T = TypeVar("_T")


class DecisionFacts(NamedTuple):
    """A duty_decision row's columns that make its event, read as a plain row: for thousands
    of cases, building ORM objects (identity map, attribute instrumentation, every column's
    UUIDs) cost more than working out their clocks. A named tuple: made straight from a row."""

    id: uuid.UUID
    what: str
    decided_on: date
    notified_on: date | None
    needs_authorisation: bool
    corrects_decision_id: uuid.UUID | None
    refers_to_decision_id: uuid.UUID | None
    reason: str | None
    priority_need: bool | None
    intentional: bool | None
    notice_kind: str | None
    notice_expires_on: date | None
    reviewer: str | None
    outcome: str | None
    placement: str | None
    placement_kind: str | None


# The columns of DecisionFacts, in its fields' order.
_FACT_COLUMNS = (
    DutyDecision.id,
    DutyDecision.what,
    DutyDecision.decided_on,
    DutyDecision.notified_on,
    DutyDecision.needs_authorisation,
    DutyDecision.corrects_decision_id,
    DutyDecision.refers_to_decision_id,
    DutyDecision.reason,
    DutyDecision.priority_need,
    DutyDecision.intentional,
    DutyDecision.notice_kind,
    DutyDecision.notice_expires_on,
    DutyDecision.reviewer,
    DutyDecision.outcome,
    DutyDecision.placement,
    DutyDecision.placement_kind,
)

# A decision record: the stored row, or its facts alone.
_R = TypeVar("_R", DutyDecision, DecisionFacts)
_A = TypeVar("_A")


class BrokenHistory(Exception):
    """The stored records do not make a history: a bug, or records merged from two laptops."""


def event_columns(event: CaseEvent) -> dict[str, Any]:
    """The DutyDecision columns that hold `event` (an event's `of` is stored as a record id)."""
    columns: dict[str, Any] = {
        "what": event_type_name(event),
        "decided_on": event.on,
        "notified_on": event.notified_on,
    }
    match event:
        case NoticeToQuit(kind=kind, expires_on=expires_on):
            columns |= {"notice_kind": kind.value, "notice_expires_on": expires_on}
        case PreventionDutyEnded(reason=reason) | ReliefDutyEnded(reason=reason):
            columns["reason"] = reason.value
        case MainDutyEnded(reason=reason):
            columns["reason"] = reason.value
        case PriorityNeedDecided(priority_need=priority_need):
            columns["priority_need"] = priority_need
        case IntentionalityDecided(intentional=intentional):
            columns["intentional"] = intentional
        case ReviewRequested(reviewer=reviewer):
            columns["reviewer"] = reviewer.value
        case ReviewDecided(outcome=outcome):
            columns["outcome"] = outcome.value
        case PlacementStarted(placement=placement, kind=kind):
            columns |= {"placement": placement, "placement_kind": kind.value}
        case PlacementEnded(placement=placement, kind=kind):
            columns |= {"placement": placement, "placement_kind": kind.value if kind else None}
    return columns


def event_of(record: DutyDecision | DecisionFacts, of: int | None = None) -> CaseEvent:
    """The engine's event for a record; `of` is the history index its reference resolves to.

    ValueError if the record does not hold a whole event (a bug, or a damaged store).
    """
    event_class = EVENT_TYPES.get(record.what)
    if event_class is None:
        raise ValueError(f"{record.what!r} is not an event of the duty engine")
    details: dict[str, Any] = {"on": record.decided_on, "notified_on": record.notified_on}
    if event_class is NoticeToQuit:
        details |= {
            "kind": NoticeKind(record.notice_kind),
            "expires_on": _required(record.notice_expires_on, "notice_expires_on"),
        }
    elif event_class is PreventionDutyEnded:
        details["reason"] = PreventionEnding(record.reason)
    elif event_class is ReliefDutyEnded:
        details["reason"] = ReliefEnding(record.reason)
    elif event_class is MainDutyEnded:
        details["reason"] = MainDutyEnding(record.reason)
    elif event_class is PriorityNeedDecided:
        details["priority_need"] = _required(record.priority_need, "priority_need")
    elif event_class is IntentionalityDecided:
        details["intentional"] = _required(record.intentional, "intentional")
    elif event_class is ReviewRequested:
        details |= {"of": _required(of, "of"), "reviewer": Reviewer(record.reviewer)}
    elif event_class is ReviewDecided:
        details |= {"of": _required(of, "of"), "outcome": ReviewOutcome(record.outcome)}
    elif event_class is PlacementStarted:
        details |= {
            "placement": _required(record.placement, "placement"),
            "kind": PlacementKind(record.placement_kind),
        }
    elif event_class is PlacementEnded:
        details |= {
            "placement": _required(record.placement, "placement"),
            "kind": PlacementKind(record.placement_kind) if record.placement_kind else None,
        }
    return event_class(**details)


def _required(value: _T | None, name: str) -> _T:
    if value is None:
        raise ValueError(f"a decision record of this type needs {name}")
    return value


def household_facts(session: Session, case_id: uuid.UUID) -> Household:
    """What the engine needs to know of the household: ages and pregnancy (s176, SI 2003/3326)."""
    rows = session.execute(
        select(
            HouseholdMemberRow.relationship_to_applicant,
            HouseholdMemberRow.pregnant,
            Person.date_of_birth,
        )
        .join(Person, Person.id == HouseholdMemberRow.person_id)
        .where(HouseholdMemberRow.case_id == case_id, HouseholdMemberRow.deleted_at.is_(None))
        .order_by(HouseholdMemberRow.created_at)
    ).all()
    return household_from_rows(rows)


def household_from_rows(rows: Iterable[tuple[Relationship, bool, date | None]]) -> Household:
    applicant, members = HouseholdMember(), []
    for relationship, pregnant, born_on in rows:
        member = HouseholdMember(relationship.name.lower(), born_on, pregnant)
        if relationship is Relationship.APPLICANT:
            applicant = member
        else:
            members.append(member)
    return Household(applicant, tuple(members))


@dataclass
class Decisions(Generic[_R, _A]):
    """Every decision record of one case, and which of them make its duty history.

    Generic in how a record and an authorisation are held: CaseDecisions has the stored rows,
    which services change and show; DecisionFactsOfCase has only what the history needs.
    """

    case_id: uuid.UUID
    household: Household
    records: list[_R]  # every record, in the order first recorded
    authorisations: dict[uuid.UUID, _A]  # by decision id
    corrected_by: dict[uuid.UUID, uuid.UUID] = field(init=False)  # record -> its correction
    _by_id: dict[uuid.UUID, _R] = field(init=False)

    def __post_init__(self) -> None:
        self._by_id = {record.id: record for record in self.records}
        self.corrected_by = {
            record.corrects_decision_id: record.id
            for record in self.records
            if record.corrects_decision_id is not None
        }

    def get(self, decision_id: uuid.UUID) -> _R | None:
        return self._by_id.get(decision_id)

    def is_current(self, record: _R) -> bool:
        """Not replaced by a correction (a strike-out is current, but counts for nothing)."""
        return record.id not in self.corrected_by

    def is_pending(self, record: _R) -> bool:
        return (
            record.needs_authorisation
            and record.id not in self.authorisations
            and self.is_current(record)
            and record.what != STRUCK_OUT
        )

    def counts(self, record: _R) -> bool:
        """Part of the duty history."""
        return (
            self.is_current(record)
            and record.what != STRUCK_OUT
            and (not record.needs_authorisation or record.id in self.authorisations)
        )

    def latest_version(self, decision_id: uuid.UUID) -> _R | None:
        """The record that stands for `decision_id` now, following its corrections."""
        seen: set[uuid.UUID] = set()
        while decision_id in self.corrected_by and decision_id not in seen:
            seen.add(decision_id)
            decision_id = self.corrected_by[decision_id]
        return self._by_id.get(decision_id)

    def pending(self) -> list[_R]:
        return [record for record in self.records if self.is_pending(record)]

    def in_history(self, *, adding: _R | None = None) -> list[_R]:
        """The records of the duty history, in order; or as it would be with `adding` (a new
        record, or a pending one being authorised) counted too, and the record it corrects,
        if any, taken out."""
        replaced = adding.corrects_decision_id if adding is not None else None
        counted = [
            record
            for record in self.records
            if self.counts(record) and record.id != replaced and record is not adding
        ]
        if adding is not None and adding.what != STRUCK_OUT:
            counted.append(adding)
        return self.ordered(counted)

    def ordered(self, records: Iterable[_R]) -> list[_R]:
        """In date order. Same-day records keep the order they were first recorded in, and a
        correction takes the place of the record it corrects; a record not stored yet comes
        after the stored ones of its day."""
        position = {record.id: index for index, record in enumerate(self.records)}

        def first_recorded(record: _R) -> int:
            index = position.get(record.id, len(self.records))
            root, seen = record.corrects_decision_id, set[uuid.UUID]()
            while root is not None and root in position and root not in seen:
                seen.add(root)
                index = min(index, position[root])
                root = self._by_id[root].corrects_decision_id
            return index

        return sorted(records, key=lambda record: (record.decided_on, first_recorded(record)))

    def history(self, records: Sequence[_R]) -> CaseHistory:
        """The engine's history of `records` (from in_history). BrokenHistory if a review
        points at a record that is not in it."""
        index_of = {record.id: index for index, record in enumerate(records)}
        events = []
        for record in records:
            of = None
            if record.refers_to_decision_id is not None:
                target = self.latest_version(record.refers_to_decision_id)
                if target is None or target.id not in index_of:
                    raise BrokenHistory(
                        f"the {record.what} of {record.decided_on.isoformat()} refers to a "
                        "decision that is not in the duty history"
                    )
                of = index_of[target.id]
            events.append(event_of(record, of))
        return CaseHistory(self.household, tuple(events))


# The stored rows: for one case that a service reads, changes or shows.
CaseDecisions = Decisions[DutyDecision, DecisionAuthorisation]
# Only what the duty history needs (an authorisation is known by its decision's id alone):
# for the clocks of many cases at once.
DecisionFactsOfCase = Decisions[DecisionFacts, None]


def many_case_decisions(
    session: Session, case_ids: Select[uuid.UUID] | None = None
) -> Iterator[DecisionFactsOfCase]:
    """The decision facts of each case `case_ids` selects (default: every case with a record),
    read in three queries, not three a case.

    Plain rows on the session's connection, not ORM objects: a first sync works out the clocks
    of thousands of cases, and loading their records as entities cost more than replaying them.
    Rows are grouped by the case id as the database gives it, made a UUID once a case rather
    than once a row (on SQLite every UUID is text that SQLAlchemy would parse each time).
    """
    if case_ids is None:
        case_ids = select(DutyDecision.case_id)
    connection = session.connection()
    records: dict[object, list[DecisionFacts]] = defaultdict(list)
    for row in connection.execute(
        select(*_FACT_COLUMNS, _raw(DutyDecision.case_id))
        .where(DutyDecision.case_id.in_(case_ids))
        .order_by(DutyDecision.created_at, DutyDecision.id)
    ).all():  # one fetchall: iterating the result fetches row by row
        records[row[-1]].append(DecisionFacts._make(row[:-1]))
    authorised: dict[object, dict[uuid.UUID, None]] = defaultdict(dict)
    for raw_case_id, decision_id in connection.execute(
        select(_raw(DecisionAuthorisation.case_id), DecisionAuthorisation.decision_id).where(
            DecisionAuthorisation.case_id.in_(case_ids)
        )
    ).all():
        authorised[raw_case_id][decision_id] = None
    members: dict[object, list[tuple[Relationship, bool, date | None]]] = defaultdict(list)
    for raw_case_id, relationship, pregnant, born_on in connection.execute(
        select(
            _raw(HouseholdMemberRow.case_id),
            HouseholdMemberRow.relationship_to_applicant,
            HouseholdMemberRow.pregnant,
            Person.date_of_birth,
        )
        .join(Person, Person.id == HouseholdMemberRow.person_id)
        .where(
            HouseholdMemberRow.deleted_at.is_(None),
            HouseholdMemberRow.case_id.in_(case_ids),
        )
        .order_by(HouseholdMemberRow.created_at)
    ).all():
        members[raw_case_id].append((relationship, pregnant, born_on))
    for raw_case_id, case_records in records.items():
        yield DecisionFactsOfCase(
            _uuid_of(raw_case_id),
            household_from_rows(members[raw_case_id]),
            case_records,
            authorised[raw_case_id],
        )


def _raw(column: InstrumentedAttribute[uuid.UUID]) -> ColumnElement[object]:
    """A UUID column as the driver gives it, without SQLAlchemy's conversion on each row."""
    return type_coerce(column, _AS_STORED)


# No result processing: text on SQLite, a uuid.UUID from a driver with a native uuid type.
_AS_STORED = NullType()


def _uuid_of(raw: object) -> uuid.UUID:
    return raw if isinstance(raw, uuid.UUID) else uuid.UUID(hex=str(raw))


def case_decisions(session: Session, case_id: uuid.UUID) -> CaseDecisions:
    """Every record of a case, in the order first recorded, and its household facts."""
    records = list(
        session.scalars(
            select(DutyDecision)
            .where(DutyDecision.case_id == case_id)
            .order_by(DutyDecision.created_at, DutyDecision.id)
        )
    )
    authorisations = session.scalars(
        select(DecisionAuthorisation).where(DecisionAuthorisation.case_id == case_id)
    )
    return CaseDecisions(
        case_id,
        household_facts(session, case_id),
        records,
        {authorisation.decision_id: authorisation for authorisation in authorisations},
    )
