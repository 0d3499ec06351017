"""Applying rows pulled from the centre to the laptop's store.

Core statements on the Connection: nothing here goes through a Session, so the change-capture
hooks never see these rows and they are not sent back. The search index's triggers do see
them, so names pulled in are findable at once.

A row the officer changed again since the last push keeps those changes: their fields are laid
over the centre's row, and stay in the outbox (with the base version they were made against)
for the next push to merge.
"""

import json
import uuid
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from hoclient.models import SyncOutbox, SyncRowState
from hoclient.models.sync_codec import decode_fields, synced_tables, table_of
from hoclient.server.protocol import Row

_outbox = table_of(SyncOutbox)
_row_state = table_of(SyncRowState)
_member = synced_tables()["household_member"]
_ID_BATCH = 500


def apply_rows(connection: Connection, rows_by_table: dict[str, list[Row]]) -> int:
    """Insert or update every row, parents first; the number of rows applied."""
    # A page may carry a child before its parent's table (a self-reference, say): foreign
    # keys are checked at COMMIT, when the whole page is in.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    applied = 0
    for table in synced_tables().values():
        rows = rows_by_table.get(table.name)
        if rows:
            applied += _apply_table(connection, table, [decode_fields(table, row) for row in rows])
    return applied


def _apply_table(connection: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> int:
    ids = [row["id"] for row in rows]
    existing: set[uuid.UUID] = set()
    pending: dict[uuid.UUID, dict[str, Any]] = defaultdict(dict)
    for start in range(0, len(ids), _ID_BATCH):
        chunk = ids[start : start + _ID_BATCH]
        existing.update(connection.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
        for row_id, fields in connection.execute(
            select(_outbox.c.row_id, _outbox.c.fields)
            .where(
                _outbox.c.table_name == table.name,
                _outbox.c.operation == "update",
                _outbox.c.row_id.in_(chunk),
            )
            .order_by(_outbox.c.position)
        ):
            pending[row_id].update(decode_fields(table, json.loads(fields)))
    server_versions = [
        {"table_name": table.name, "row_id": row["id"], "server_version": row["version"]}
        for row in rows
        if "version" in row
    ]
    for row in rows:
        row.update(pending.get(row["id"], {}))
    new_rows = [row for row in rows if row["id"] not in existing]
    # Bound names may not be column names in an UPDATE's SET clause: prefix them.
    old_rows = [
        {"_row_id": row["id"], **{f"v_{name}": value for name, value in row.items()}}
        for row in rows
        if row["id"] in existing
    ]
    if new_rows:
        connection.execute(insert(table), new_rows)
    if old_rows:
        columns = [column for column in table.columns if column.name != "id"]
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("_row_id", type_=table.c.id.type))
            .values({c.name: bindparam(f"v_{c.name}", type_=c.type) for c in columns}),
            old_rows,
        )
    if server_versions:
        statement = sqlite_insert(_row_state)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[_row_state.c.table_name, _row_state.c.row_id],
                set_={"server_version": statement.excluded.server_version},
            ),
            server_versions,
        )
    return len(rows)


def cases_touched(connection: Connection, rows_by_table: dict[str, list[Row]]) -> set[uuid.UUID]:
    """The cases whose rows (or whose people's rows) are among these: the ones whose derived
    data (statutory clocks) must be worked out again once the rows are in."""
    cases: set[uuid.UUID] = set()
    persons: set[uuid.UUID] = set()
    tables = synced_tables()
    for name, rows in rows_by_table.items():
        table = tables.get(name)
        if table is None:
            continue
        key = "id" if name in ("housing_case", "person") else None
        if key is None:
            key = (
                "case_id"
                if "case_id" in table.c
                else "person_id"
                if "person_id" in table.c
                else None
            )
        if key is None:
            continue
        found = {uuid.UUID(str(row[key])) for row in rows if row.get(key) is not None}
        if name == "person" or key == "person_id":
            persons |= found
        else:
            cases |= found
    wanted = sorted(persons)
    for start in range(0, len(wanted), _ID_BATCH):
        cases.update(
            connection.scalars(
                select(_member.c.case_id).where(
                    _member.c.person_id.in_(wanted[start : start + _ID_BATCH])
                )
            )
        )
    return cases
