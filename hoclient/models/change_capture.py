"""Change capture: every local change to a synced row writes its outbox entry in the same
transaction as the change (DESIGN.md, Sync).

The hooks are registered on the Session class when hoclient.models is imported, so every
writer that goes through a Session is covered - every service, present and future, with no
call to remember. It lives here, not in hoclient.sync, because the store and the services sit
on both sides of sync in the layers and must not be able to miss it.

- ORM unit of work (`session.add`, attribute changes): `after_flush` writes one entry per new
  row (every column) and per changed row (the changed columns, with the base version).
- Core INSERT through `session.execute(insert(table), rows)` (the demo seeder's bulk path):
  the Python-side defaults are filled in first, so the outbox holds exactly what was stored.
- Refused: a unit-of-work DELETE of a synced row (a tombstone, `deleted_at`, is how a row
  goes) and a change to an append-only row: neither could be synced.
- Not captured: bulk UPDATE/DELETE statements (`session.execute(update(...))`), which cannot
  say which rows they change. Every service must change synced rows through the ORM.

Writes that must NOT be captured (rows pulled from the centre, the centre's own writes) go to
the Connection with Core, or through a Session whose `info` holds CAPTURE_OFF.

The same hooks write the audit trail (hoclient.models.audit_event): one event per captured row
("created person", "changed housing_case" with the changed field names, "deleted ..." for a
tombstone), so a new service is audited without remembering to. The acting officer is the one
named in `session.info[ACTING_OFFICER]` (`act_as`), else the officer the row itself names
(`updated_by`, or an append-only row's author). A bulk Core INSERT (the demo seeder) leaves one
event per statement, not one per row.
"""

import json
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from hoclient.models.audit_event import AUDIT_TABLE, DETAIL_MAX_CHARS, AuditEvent
from hoclient.models.base import AppendOnlyRow, SyncedRow
from hoclient.models.sync_codec import BOOKKEEPING, encode, synced_tables, table_of
from hoclient.models.sync_state import SyncOutbox, SyncRowState
from hoclient.models.types import utc_now

CAPTURE_OFF = "hoclient.capture_off"
ACTING_OFFICER = "hoclient.acting_officer_id"

_outbox = table_of(SyncOutbox)
_audit = table_of(AuditEvent)
# Columns of append-only rows that name the officer who wrote them, in order of preference.
_AUTHOR_COLUMNS = ("updated_by", "author_id", "decided_by", "authorised_by", "officer_id")


def act_as(session: Session, officer_id: uuid.UUID) -> None:
    """Name the officer this session's changes are audited to."""
    session.info[ACTING_OFFICER] = officer_id


class UncapturableChange(Exception):
    """A write sync could not carry: a bug in the caller, refused before it is stored."""


def _capturing(session: Session) -> bool:
    return not session.info.get(CAPTURE_OFF, False)


@event.listens_for(Session, "before_flush")
def _refuse_uncapturable(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    if not _capturing(session):
        return
    for row in session.deleted:
        if isinstance(row, SyncedRow | AppendOnlyRow):
            raise UncapturableChange(
                f"{type(row).__name__} rows are never deleted: set deleted_at (a tombstone)."
            )
    for row in session.dirty:
        if isinstance(row, AppendOnlyRow) and session.is_modified(row):
            raise UncapturableChange(
                f"{type(row).__name__} is append-only: record a correction as a new row."
            )


@event.listens_for(Session, "after_flush")
def _capture_flush(session: Session, _context: UOWTransaction) -> None:
    if not _capturing(session):
        return
    order = {name: index for index, name in enumerate(synced_tables())}
    inserts: list[tuple[int, dict[str, Any]]] = []
    updates: list[dict[str, Any]] = []
    audits: list[dict[str, Any]] = []
    for row in session.new:
        if isinstance(row, SyncedRow | AppendOnlyRow):
            table = _table_of(row)
            values = {column.name: getattr(row, _key(row, column)) for column in table.columns}
            inserts.append((order[table.name], _insert_entry(table.name, values)))
            if table.name != AUDIT_TABLE:
                audits.append(_audit_row(session, table, values, f"created {table.name}", ""))
    for row in session.dirty:
        if isinstance(row, SyncedRow) and session.is_modified(row, include_collections=False):
            entry = _update_entry(session, row)
            if entry is not None:
                updates.append(entry)
                audits.append(_update_audit(session, row, entry))
    # Parents before children, so the centre can apply the batch in order.
    entries = [entry for _, entry in sorted(inserts, key=lambda pair: pair[0])] + updates
    entries += [_insert_entry(AUDIT_TABLE, audit) for audit in audits]
    if audits:
        session.connection().execute(insert(_audit), audits)
    if entries:
        session.connection().execute(insert(_outbox), entries)


@event.listens_for(Session, "do_orm_execute")
def _capture_core_insert(state: ORMExecuteState) -> sa.Result[Any] | None:
    if not _capturing(state.session) or state.is_select:
        return None
    table = _statement_table(state.statement)
    if table is None or table.name not in synced_tables():
        return None
    if not state.is_insert:
        # Bulk UPDATE/DELETE statements are not captured: they cannot say which rows and values
        # they change. A service changes rows through the ORM (load, set, flush) instead.
        return None
    parameters = state.parameters
    if parameters is None:
        raise UncapturableChange(f"Insert {table.name} rows as a list of dicts to capture them.")
    given: Sequence[dict[str, Any]] = (
        [parameters] if isinstance(parameters, dict) else list(parameters)  # type: ignore[arg-type]
    )
    rows = [_with_defaults(table, row) for row in given]
    state.parameters = rows if isinstance(parameters, list) else rows[0]
    result = state.invoke_statement()
    entries = [_insert_entry(table.name, row) for row in rows]
    if rows and table.name != AUDIT_TABLE:
        # One event for the statement: a bulk load of thousands of rows is one act.
        cases = {row.get("case_id") for row in rows} if "case_id" in table.c else {None}
        audit = _audit_row(
            state.session,
            table,
            {**rows[0], "case_id": cases.pop() if len(cases) == 1 else None, "id": None},
            f"created {table.name}",
            f"{len(rows)} row{'' if len(rows) == 1 else 's'} in one load",
        )
        audit["person_id"] = None
        state.session.connection().execute(insert(_audit), [audit])
        entries.append(_insert_entry(AUDIT_TABLE, audit))
    if entries:
        state.session.connection().execute(insert(_outbox), entries)
    return result


def _audit_row(
    session: Session, table: sa.Table, values: dict[str, Any], action: str, detail: str
) -> dict[str, Any]:
    """The audit event for one row's change: its case and person, and who acted."""
    acting = session.info.get(ACTING_OFFICER)
    if acting is None:
        acting = next((values[name] for name in _AUTHOR_COLUMNS if values.get(name)), None)
    now = utc_now()
    return {
        "id": uuid.uuid4(),
        "created_at": now,
        "officer_id": acting,
        "happened_at": now,
        "action": action,
        "case_id": values["id"] if table.name == "housing_case" else values.get("case_id"),
        "person_id": values["id"] if table.name == "person" else values.get("person_id"),
        "detail": detail[:DETAIL_MAX_CHARS],
    }


def _update_audit(session: Session, row: SyncedRow, entry: dict[str, Any]) -> dict[str, Any]:
    table = _table_of(row)
    changed = sorted(set(json.loads(entry["fields"])) - BOOKKEEPING)
    # Field names only: the values of a person's details never enter the trail.
    if changed == ["deleted_at"] and row.deleted_at is not None:
        action, detail = f"deleted {table.name}", ""
    else:
        action, detail = f"changed {table.name}", ", ".join(changed)
    values = {column.name: getattr(row, _key(row, column)) for column in table.columns}
    return _audit_row(session, table, values, action, detail)


def _statement_table(statement: Any) -> sa.Table | None:
    table = getattr(statement, "table", None)
    return table if isinstance(table, sa.Table) else None


def _with_defaults(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row as it will be stored: Python-side column defaults run here, once, so the outbox
    and the table hold the same values."""
    complete = dict(row)
    for column in table.columns:
        if column.name in complete or column.default is None:
            continue
        default = column.default
        if not isinstance(default, sa.ColumnDefault):
            continue
        complete[column.name] = default.arg(None) if default.is_callable else default.arg
    return complete


def _insert_entry(table_name: str, values: dict[str, Any]) -> dict[str, Any]:
    fields = {name: encode(value) for name, value in values.items() if name != "version"}
    return {
        "change_id": uuid.uuid4(),
        "table_name": table_name,
        "row_id": values["id"],
        "operation": "insert",
        "fields": json.dumps(fields, sort_keys=True),
        "base_version": None,
        "changed_by": next((values[name] for name in _AUTHOR_COLUMNS if values.get(name)), None),
        "changed_at": values.get("updated_at") or values.get("created_at") or utc_now(),
    }


def _update_entry(session: Session, row: SyncedRow) -> dict[str, Any] | None:
    table = _table_of(row)
    state = inspect(row)
    changed: dict[str, Any] = {}
    for column in table.columns:
        if column.name in ("version", "id"):
            continue
        history = state.attrs[_key(row, column)].history
        if history.added and history.deleted != history.added:
            changed[column.name] = history.added[0]
    if not changed:
        return None
    # Who and when travel with every change, whether or not the service set them this time.
    changed["updated_at"] = row.updated_at
    changed["updated_by"] = row.updated_by
    known = session.connection().execute(
        select(SyncRowState.server_version).where(
            SyncRowState.table_name == table.name, SyncRowState.row_id == row.id
        )
    )
    # No centre version known: the row was made on this laptop, and the centre stores a
    # device's insert as version 1.
    base_version = known.scalar_one_or_none() or 1
    return {
        "change_id": uuid.uuid4(),
        "table_name": table.name,
        "row_id": row.id,
        "operation": "update",
        "fields": json.dumps({k: encode(v) for k, v in changed.items()}, sort_keys=True),
        "base_version": base_version,
        "changed_by": row.updated_by,
        "changed_at": row.updated_at,
    }


def _table_of(row: object) -> sa.Table:
    table = inspect(row).mapper.local_table
    assert isinstance(table, sa.Table)
    return table


def _key(row: object, column: sa.Column[Any]) -> str:
    """The attribute that maps `column` (the same name in every hoclient model)."""
    key: str = inspect(row).mapper.get_property_by_column(column).key
    return key
