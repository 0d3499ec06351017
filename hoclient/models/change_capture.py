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
"""

import json
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from hoclient.models.base import AppendOnlyRow, SyncedRow
from hoclient.models.sync_codec import encode, synced_tables, table_of
from hoclient.models.sync_state import SyncOutbox, SyncRowState
from hoclient.models.types import utc_now

CAPTURE_OFF = "hoclient.capture_off"

_outbox = table_of(SyncOutbox)


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
    for row in session.new:
        if isinstance(row, SyncedRow | AppendOnlyRow):
            table = _table_of(row)
            values = {column.name: getattr(row, _key(row, column)) for column in table.columns}
            inserts.append((order[table.name], _insert_entry(table.name, values)))
    for row in session.dirty:
        if isinstance(row, SyncedRow) and session.is_modified(row, include_collections=False):
            entry = _update_entry(session, row)
            if entry is not None:
                updates.append(entry)
    # Parents before children, so the centre can apply the batch in order.
    entries = [entry for _, entry in sorted(inserts, key=lambda pair: pair[0])] + updates
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
    if entries:
        state.session.connection().execute(insert(_outbox), entries)
    return result


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
        "changed_by": values.get("updated_by") or values.get("author_id"),
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
