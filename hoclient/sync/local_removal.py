"""Taking cases off this laptop, and nothing more: a case that left its scope, or one kept past
the council's retention period (hoclient.sync.retention).

This is not a change to the case: the centre and the other laptops keep it. So nothing here
goes through the change-capture hooks (Core DELETEs on the session's connection), no outbox
entry is written, and the rows are really deleted, not tombstoned. With the case go every row
carrying its case_id (synced or this laptop's own, such as its clocks), its people who are in
no other case the laptop holds, with their own rows, and what sync remembers about all those
rows. The search index follows by its triggers, in the same transaction.

Callers remove only cases `cases_to_keep` does not name: one with a change still in the
outbox (it would be lost) or an unresolved conflict (the officer must still be able to choose;
keeping their edit of a case deleted elsewhere brings the case back).
"""

import json
import uuid
from collections.abc import Collection, Iterable
from functools import cache

import sqlalchemy as sa
from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from hoclient.models import Base, SyncOutbox, SyncRowState
from hoclient.models.sync_codec import synced_tables, table_of

_outbox = table_of(SyncOutbox)
_row_state = table_of(SyncRowState)
_ID_BATCH = 500


def forget_cases(session: Session, case_ids: Collection[uuid.UUID]) -> int:
    """Remove these cases from the laptop (see the module's docstring); the number removed."""
    connection = session.connection()
    session.flush()
    wanted = sorted(set(case_ids))
    cases = _existing(connection, synced_tables()["housing_case"], wanted)
    if not cases:
        return 0
    persons = _persons_only_in(connection, cases)
    # Rows point at each other across tables (a note at the note it corrects, a conflict at
    # its case): the foreign keys are checked at COMMIT, when everything is gone.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    removed_rows: dict[str, list[uuid.UUID]] = {}
    for table, column, owners in _owned_tables(cases, persons):
        if table.name in synced_tables():
            removed_rows[table.name] = [
                row_id
                for chunk in _chunks(owners)
                for row_id in connection.scalars(select(table.c.id).where(column.in_(chunk)))
            ]
        for chunk in _chunks(owners):
            connection.execute(delete(table).where(column.in_(chunk)))
    for table_name, row_ids in removed_rows.items():
        for chunk in _chunks(row_ids):
            connection.execute(
                delete(_row_state).where(
                    _row_state.c.table_name == table_name, _row_state.c.row_id.in_(chunk)
                )
            )
    # Objects the session loaded before may name rows that are gone.
    session.expire_all()
    return len(cases)


def cases_to_keep(connection: Connection) -> set[uuid.UUID]:
    """Cases that must stay on the laptop whatever their scope or age (see the docstring)."""
    conflict = synced_tables()["sync_conflict"]
    member = synced_tables()["household_member"]
    unresolved = (conflict.c.resolved_at.is_(None), conflict.c.deleted_at.is_(None))
    kept = cases_with_pending_changes(connection)
    kept.update(
        case_id
        for case_id in connection.scalars(
            select(conflict.c.case_id).where(conflict.c.case_id.is_not(None), *unresolved)
        )
        if case_id is not None
    )
    kept.update(
        connection.scalars(
            select(member.c.case_id).where(
                member.c.person_id.in_(
                    select(conflict.c.person_id).where(
                        conflict.c.person_id.is_not(None), *unresolved
                    )
                )
            )
        )
    )
    return kept


def cases_with_pending_changes(connection: Connection) -> set[uuid.UUID]:
    """The cases that a change still in the outbox belongs to (or one of whose people it
    changes): not to be removed until the centre has it."""
    by_table: dict[str, set[uuid.UUID]] = {}
    for table_name, row_id, operation, fields in connection.execute(
        select(_outbox.c.table_name, _outbox.c.row_id, _outbox.c.operation, _outbox.c.fields)
    ):
        by_table.setdefault(table_name, set()).add(row_id)
        if operation == "insert":
            # An insert names its case (or person) itself, even if the row is not stored yet.
            values = json.loads(fields)
            for key, owner in (("case_id", "housing_case"), ("person_id", "person")):
                if values.get(key):
                    by_table.setdefault(owner, set()).add(uuid.UUID(values[key]))
    cases: set[uuid.UUID] = set(by_table.pop("housing_case", set()))
    persons: set[uuid.UUID] = set(by_table.pop("person", set()))
    tables = synced_tables()
    for table_name, row_ids in by_table.items():
        table = tables.get(table_name)
        if table is None:
            continue
        for column_name, into in (("case_id", cases), ("person_id", persons)):
            if column_name in table.c:
                for chunk in _chunks(sorted(row_ids)):
                    into.update(
                        found
                        for found in connection.scalars(
                            select(table.c[column_name]).where(table.c.id.in_(chunk))
                        )
                        if found is not None
                    )
    member = tables["household_member"]
    for chunk in _chunks(sorted(persons)):
        cases.update(
            connection.scalars(select(member.c.case_id).where(member.c.person_id.in_(chunk)))
        )
    return cases


def _existing(connection: Connection, table: sa.Table, ids: list[uuid.UUID]) -> list[uuid.UUID]:
    return [
        found
        for chunk in _chunks(ids)
        for found in connection.scalars(select(table.c.id).where(table.c.id.in_(chunk)))
    ]


def _persons_only_in(connection: Connection, cases: list[uuid.UUID]) -> list[uuid.UUID]:
    """The people of these cases who are in no other case on the laptop."""
    member = synced_tables()["household_member"]
    theirs: set[uuid.UUID] = set()
    for chunk in _chunks(cases):
        theirs.update(
            connection.scalars(select(member.c.person_id).where(member.c.case_id.in_(chunk)))
        )
    kept: set[uuid.UUID] = set()
    leaving = set(cases)
    for chunk in _chunks(sorted(theirs)):
        for person_id, case_id in connection.execute(
            select(member.c.person_id, member.c.case_id).where(member.c.person_id.in_(chunk))
        ):
            if case_id not in leaving:
                kept.add(person_id)
    return sorted(theirs - kept)


def _owned_tables(
    cases: list[uuid.UUID], persons: list[uuid.UUID]
) -> Iterable[tuple[sa.Table, sa.ColumnElement[uuid.UUID], list[uuid.UUID]]]:
    """Each table holding rows of these cases or people, with the column naming the owner,
    children before parents."""
    for table in reversed(_laptop_tables()):
        if table.name == "housing_case":
            yield table, table.c.id, cases
        elif "case_id" in table.c:
            yield table, table.c.case_id, cases
            if "person_id" in table.c:
                # A conflict about a person's own row names the person and no case.
                yield table, table.c.person_id, persons
        elif table.name == "person":
            yield table, table.c.id, persons
        elif "person_id" in table.c:
            yield table, table.c.person_id, persons


@cache
def _laptop_tables() -> list[sa.Table]:
    """Synced tables, and this laptop's own tables that hang off a case or a person (its
    clocks); not the centre's bookkeeping, which a laptop never writes."""
    owners = {"housing_case", "person"}
    return [
        table
        for table in Base.metadata.sorted_tables
        if table.name in synced_tables()
        or (
            table.name != "case_visit"
            and any(key.column.table.name in owners for key in table.foreign_keys)
        )
    ]


def _chunks(ids: list[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    for start in range(0, len(ids), _ID_BATCH):
        yield ids[start : start + _ID_BATCH]
