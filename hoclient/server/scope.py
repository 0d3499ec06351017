"""What a device may hold and change: its officer's team's open cases, the cases its officer
marked for a visit, and reference data.

Every synced table is one of three kinds, read off its columns so new tables (decision
records, letters...) need no entry here: a case's own rows carry `case_id` (the case itself is
`housing_case`); a person's rows are `person` and those carrying `person_id` without a case;
everything else is reference data, which every device holds.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Select, and_, or_, select

from hoclient.models import CaseVisit
from hoclient.models.sync_codec import synced_tables, table_of
from hoclient.models.types import utc_now
from hoclient.security.roles import Permission, may
from hoclient.server.id_lists import among
from hoclient.server.street_count_scope import STREET_COUNT_TABLES, street_count_refusal
from hoclient.vocabulary import CaseStatus, Role

_case = synced_tables()["housing_case"]
_member = synced_tables()["household_member"]
_visit = table_of(CaseVisit)


@dataclass(frozen=True)
class DeviceOfficer:
    """An enrolled device, and the officer it works for."""

    device_id: uuid.UUID
    officer_id: uuid.UUID
    team_id: uuid.UUID | None
    role: Role


@dataclass(frozen=True)
class RowScope:
    case_id: uuid.UUID | None
    person_id: uuid.UUID | None

    @property
    def is_reference(self) -> bool:
        return self.case_id is None and self.person_id is None


def kind_of(table: sa.Table) -> str:
    if table.name == "housing_case" or "case_id" in table.c:
        return "case"
    if table.name == "person" or "person_id" in table.c:
        return "person"
    return "reference"


def scope_of(table: sa.Table, row: Mapping[str, Any]) -> RowScope:
    """Which case or person a row belongs to (a conflict about a person's row: the person)."""
    if table.name == "housing_case":
        return RowScope(row["id"], None)
    if "case_id" in table.c and row.get("case_id") is not None:
        return RowScope(row["case_id"], None)
    if table.name == "person":
        return RowScope(None, row["id"])
    if "person_id" in table.c:
        return RowScope(None, row.get("person_id"))
    return RowScope(None, None)


def cases_in_scope(who: DeviceOfficer) -> Select[uuid.UUID]:
    """The cases a device receives: its team's open, live cases, and the live cases its officer
    marked for a visit. None for a role that may not read casework (a volunteer's device holds
    no household's details)."""
    if not may(who.role, Permission.READ_CASEWORK):
        return select(_case.c.id).where(sa.false())
    marked = select(_visit.c.case_id).where(_visit.c.officer_id == who.officer_id)
    return select(_case.c.id).where(
        # A volunteer's device holds no cases, whatever team its account is in.
        sa.literal(who.role is not Role.VOLUNTEER),
        _case.c.deleted_at.is_(None),
        or_(
            and_(_case.c.team_id == who.team_id, _case.c.status == CaseStatus.OPEN),
            _case.c.id.in_(marked),
        ),
    )


def is_marked_for_visit(connection: Connection, who: DeviceOfficer, case_id: uuid.UUID) -> bool:
    return (
        connection.scalar(
            select(_visit.c.case_id).where(
                _visit.c.officer_id == who.officer_id, _visit.c.case_id == case_id
            )
        )
        is not None
    )


def persons_in_scope(who: DeviceOfficer) -> Select[uuid.UUID]:
    return select(_member.c.person_id).where(_member.c.case_id.in_(cases_in_scope(who)))


class Reach:
    """What one device may change, asked row by row through a push batch. Only answers of
    "yes" are remembered: a batch can bring a case or household row that widens the reach
    (a new case, a person joining it), never one that narrows it."""

    def __init__(self, connection: Connection, who: DeviceOfficer) -> None:
        self.connection, self.who = connection, who
        self.marked = set(
            connection.scalars(
                select(_visit.c.case_id).where(_visit.c.officer_id == who.officer_id)
            )
        )
        self._cases: set[uuid.UUID] = set()
        self._persons: set[uuid.UUID] = set()

    def prime(self, person_ids: Sequence[uuid.UUID]) -> None:
        """Answer for many persons at once (a batch editing thousands of people)."""
        ids = list(person_ids)
        for start in range(0, len(ids), 500):
            for person_id, case_id, team_id in self.connection.execute(
                select(_member.c.person_id, _case.c.id, _case.c.team_id)
                .join(_case, _case.c.id == _member.c.case_id)
                .where(_member.c.person_id.in_(ids[start : start + 500]))
            ):
                if team_id is not None and team_id == self.who.team_id:
                    self._cases.add(case_id)
                if case_id in self._cases or case_id in self.marked:
                    self._persons.add(person_id)

    def refusal(self, table: sa.Table, row: Mapping[str, Any]) -> str:
        """Why the device may not change this row (as stored, or as inserted), or "" when it
        may. Pushes may touch any case of the officer's team, open or closed, and the cases
        marked for their visit; reference data is the administrators'."""
        who = self.who
        if who.role is Role.ADMIN:
            return ""
        if table.name in STREET_COUNT_TABLES:
            return street_count_refusal(self.connection, who.officer_id, who.role, table, row)
        if who.role is Role.VOLUNTEER:
            return "A volunteer's device records street counts only."
        scope = scope_of(table, row)
        if scope.is_reference:
            return f"Only an administrator changes {table.name} (reference data)."
        if table.name == "housing_case":
            if row.get("team_id") == who.team_id or row["id"] in self.marked:
                return ""
            return "That case is not your team's."
        if scope.case_id is not None:
            return (
                ""
                if self._case_reachable(scope.case_id)
                else ("That case is not one of your team's cases, nor marked for your visit.")
            )
        assert scope.person_id is not None
        if scope.person_id in self._persons:
            return ""
        links = select(_member.c.case_id).where(_member.c.person_id == scope.person_id)
        linked = list(self.connection.scalars(links))
        # A person in no case yet (just made on this device, its household row still to come)
        # is anyone's to change; otherwise one of their cases must be in the device's reach.
        if linked and not any(self._case_reachable(case_id) for case_id in linked):
            return "That person is in none of your team's cases."
        if linked:
            self._persons.add(scope.person_id)
        return ""

    def _case_reachable(self, case_id: uuid.UUID) -> bool:
        if case_id in self._cases or case_id in self.marked:
            return True
        team = self.connection.scalar(select(_case.c.team_id).where(_case.c.id == case_id))
        if team is not None and team == self.who.team_id:
            self._cases.add(case_id)
            return True
        return False


def feed_filter(
    case_column: sa.ColumnElement[Any],
    person_column: sa.ColumnElement[Any],
    who: DeviceOfficer,
    held_case_ids: Sequence[uuid.UUID],
    dialect_name: str,
) -> sa.ColumnElement[bool]:
    """For the pull feed: reference rows, and rows of the cases (and their people) in scope or
    already on the laptop - a case that is closed or deleted must still tell the laptops that
    hold it so."""
    held = list(held_case_ids)
    return or_(
        and_(case_column.is_(None), person_column.is_(None)),
        case_column.in_(cases_in_scope(who)),
        among(case_column, held, dialect_name),
        person_column.in_(persons_in_scope(who)),
        person_column.in_(
            select(_member.c.person_id).where(among(_member.c.case_id, held, dialect_name))
        ),
    )


def set_visit_mark(
    connection: Connection, who: DeviceOfficer, reference: str, *, marked: bool
) -> uuid.UUID:
    """Mark (or unmark) a case for the officer's visit; LookupError if there is no such case."""
    case_id: uuid.UUID | None = connection.scalar(
        select(_case.c.id).where(
            _case.c.reference == reference.strip().upper(), _case.c.deleted_at.is_(None)
        )
    )
    if case_id is None:
        raise LookupError(f"There is no case {reference}.")
    already = is_marked_for_visit(connection, who, case_id)
    if marked and not already:
        connection.execute(
            sa.insert(_visit).values(
                officer_id=who.officer_id, case_id=case_id, marked_at=utc_now()
            )
        )
    elif not marked and already:
        connection.execute(
            sa.delete(_visit).where(
                _visit.c.officer_id == who.officer_id, _visit.c.case_id == case_id
            )
        )
    return case_id
