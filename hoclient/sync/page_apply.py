"""Applying a pulled page inside SQLite: the page's JSON goes to the store as it came.

A first sync brings tens of thousands of rows. Decoding each value into a Python object and
binding it again for SQLite cost more than the centre's whole answer, so a page is handed to
SQLite once (as JSONB) and each table's rows are checked and upserted by one statement that
reads them with `json_each`: the values never become Python objects.

The check is strict and runs first, per table: every row has exactly the table's columns,
each value of its column's JSON type and form (ids as lower-case UUID text, instants as UTC
text with microseconds, days as ISO dates, enum names among the enum's members, text within
its length). A table whose rows are not all in that form, or that holds a type SQLite cannot
convert itself (bytes travel as base64), goes the careful way instead (hoclient.sync.apply,
one row at a time), which also names the first bad value. Either way the stored values are
exactly what SQLAlchemy would have written (tests/sync/test_page_apply.py compares them).

Rows the officer changed again since the last push keep those changes, as in apply.py: the
few rows with a pending update get their outbox fields laid over after the upsert.
"""

import json
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, bindparam, update
from sqlalchemy.exc import DBAPIError

from hoclient.models import SyncOutbox
from hoclient.models.sync_codec import decode_fields, synced_tables, table_of
from hoclient.models.types import UtcDateTime
from hoclient.sync.apply import apply_rows, cases_touched

_outbox = table_of(SyncOutbox)

_HEX = "[0-9a-f]"
_UUID_GLOB = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))
_DIGITS = "[0-9]"
_DATE_GLOB = f"{_DIGITS * 4}-{_DIGITS * 2}-{_DIGITS * 2}"
_INSTANT_GLOB = f"{_DATE_GLOB}T{_DIGITS * 2}:{_DIGITS * 2}:{_DIGITS * 2}.{_DIGITS * 6}+00:00"


class PageUnreadable(ValueError):
    """The page is not one hoclient can read; its message says what is wrong."""


@dataclass(frozen=True)
class ReadPage:
    """A page as SQLite holds it (JSONB), and what the next request needs from it."""

    jsonb: bytes
    cursor: int
    more: bool
    leaving: list[uuid.UUID]
    case_ids: list[uuid.UUID]  # of the housing_case rows it carries


@dataclass(frozen=True)
class AppliedPage:
    rows: int
    cases_touched: set[uuid.UUID]


def read_page(connection: Connection, text: str | bytes) -> ReadPage:
    """Parse a pull page (the centre's JSON, untouched) and check its header."""
    try:
        page = connection.exec_driver_sql("SELECT jsonb(?)", (text,)).scalar_one()
    except DBAPIError:
        raise PageUnreadable("The sync service sent a pull page that is not JSON.") from None
    cursor, more, leaving = _header(connection, page)
    case_ids = connection.exec_driver_sql(
        "SELECT e.value ->> '$.id' FROM jsonb_each(?, '$.rows.housing_case') AS e", (page,)
    ).scalars()
    try:
        cases = [uuid.UUID(str(case_id)) for case_id in case_ids]
    except ValueError:
        raise PageUnreadable("The sync service sent a pull page hoclient cannot read.") from None
    return ReadPage(page, cursor, more, leaving, cases)


def apply_page(connection: Connection, read: ReadPage) -> AppliedPage:
    """Apply a read page in the caller's transaction."""
    # A page may carry a child before its parent's table (a self-reference, say): foreign
    # keys are checked at COMMIT, when the whole page is in.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    page = read.jsonb
    counts = _row_counts(connection, page)
    pending = set(
        connection.exec_driver_sql(
            "SELECT DISTINCT table_name FROM sync_outbox WHERE operation = 'update'"
        ).scalars()
    )
    careful: dict[str, list[dict[str, Any]]] = {}
    fast: list[sa.Table] = []
    for table in synced_tables().values():
        if not counts.get(table.name):
            continue
        if _fast(table) and _upsert_checked(connection, table, page, counts[table.name]):
            if table.name in pending:
                _lay_pending_over(connection, table, page)
            _remember_server_versions(connection, table, page)
            fast.append(table)
        else:
            careful[table.name] = _rows_as_python(connection, table, page)
    if careful:
        try:
            apply_rows(connection, careful)
        except ValueError as error:
            raise PageUnreadable(
                f"The sync service sent a value hoclient cannot store: {error}"
            ) from None
    # Once every row is in: a person's cases are found through household_member rows that
    # may have come in this same page.
    touched = cases_touched(connection, careful)
    for table in fast:
        touched |= _cases_of(connection, table, page)
    rows = sum(counts.get(table.name, 0) for table in synced_tables().values())
    return AppliedPage(rows, touched)


def _row_counts(connection: Connection, page: bytes) -> dict[str, int]:
    """Rows per table in the page; tables hoclient does not know are left alone, as before."""
    counts = {}
    for name, kind, length in connection.exec_driver_sql(
        "SELECT key, type, json_array_length(value) FROM jsonb_each(?, '$.rows')", (page,)
    ):
        if kind != "array":
            raise PageUnreadable("The sync service sent a pull page hoclient cannot read.")
        counts[name] = int(length)
    return counts


def _header(connection: Connection, page: bytes) -> tuple[int, bool, list[uuid.UUID]]:
    kinds = connection.exec_driver_sql(
        "SELECT json_type(?, '$.cursor'), json_type(?, '$.more'), json_type(?, '$.rows'), "
        "coalesce(json_type(?, '$.leaving'), 'array'), ? ->> '$.cursor', "
        "json(coalesce(? -> '$.leaving', '[]'))",
        (page,) * 6,
    ).one()
    cursor_kind, more_kind, rows_kind, leaving_kind, cursor, leaving = kinds
    if (
        cursor_kind != "integer"
        or more_kind not in ("true", "false")
        or rows_kind != "object"
        or leaving_kind != "array"
    ):
        raise PageUnreadable("The sync service sent a pull page hoclient cannot read.")
    try:
        leaving_ids = [uuid.UUID(str(case_id)) for case_id in json.loads(leaving)]
    except ValueError:
        raise PageUnreadable("The sync service sent a pull page hoclient cannot read.") from None
    return int(cursor), more_kind == "true", leaving_ids


def _value(name: str) -> str:
    return f"(e.value ->> '$.{name}')"


def _typed(column: sa.Column[Any]) -> bool:
    """Columns whose JSON type must be read itself: `->>` gives true and false as 1 and 0."""
    kind = column.type
    return isinstance(kind, sa.Boolean | sa.Integer) and not isinstance(kind, sa.Enum)


def _check(column: sa.Column[Any]) -> str | None:
    """SQL true when the extracted value `r.<column>` is in the form the fast path stores;
    None for a type it leaves to the careful path.

    Instants are checked for their shape, not their calendar: a centre's instants come from
    typed timestamp columns (a day that does not exist cannot be there), and checking each
    one's calendar cost more than storing it. Days are few and checked fully."""
    kind, value = column.type, f"r.{column.name}"
    text = f"typeof({value}) = 'text'"
    if isinstance(kind, sa.Uuid):
        test = f"{text} AND {value} GLOB '{_UUID_GLOB}'"
    elif isinstance(kind, UtcDateTime):
        test = f"{text} AND {value} GLOB '{_INSTANT_GLOB}'"
    elif isinstance(kind, sa.Enum):
        if kind.enum_class is None:
            return None
        names = ", ".join(f"'{member.name}'" for member in kind.enum_class)
        test = f"{text} AND {value} IN ({names})"
    elif isinstance(kind, sa.Date) and not isinstance(kind, sa.DateTime):
        test = f"{text} AND {value} GLOB '{_DATE_GLOB}' AND date({value}) = {value}"
    elif isinstance(kind, sa.Boolean):
        test = f"r.{column.name}__type IN ('true', 'false')"
    elif isinstance(kind, sa.Integer):
        test = f"r.{column.name}__type = 'integer'"
    elif isinstance(kind, sa.String):  # Text is a String
        limit = f" AND length({value}) <= {kind.length}" if kind.length else ""
        test = f"{text}{limit}"
    else:
        return None
    return f"({value} IS NULL OR ({test}))"


def _stored(column: sa.Column[Any]) -> str:
    """SQL for the value SQLAlchemy would store for the (checked) JSON value."""
    value = f"r.{column.name}"
    if isinstance(column.type, sa.Uuid):
        return f"replace({value}, '-', '')"
    if isinstance(column.type, UtcDateTime):
        # SQLAlchemy's SQLite DATETIME form: "YYYY-MM-DD HH:MM:SS.ffffff", in UTC.
        return f"substr({value}, 1, 10) || ' ' || substr({value}, 12, 15)"
    return value


@cache
def _fast(table: sa.Table) -> bool:
    return all(_check(column) is not None for column in table.columns)


@cache
def _statements(table: sa.Table) -> tuple[str, str]:
    """(the checked upsert, the server versions) for a table, made once."""
    columns = list(table.columns)
    names = [column.name for column in columns]
    known = ", ".join(f"'{name}'" for name in names)
    # Each value is read out of the JSON once, into a materialised row set that the checks
    # and the conversions then read as plain values (reading a key twice cost as much as the
    # insert). A row must hold exactly the table's columns: as many keys, every one known.
    extracted = ", ".join(
        [f"{_value(name)} AS {name}" for name in names]
        + [f"json_type(e.value, '$.{c.name}') AS {c.name}__type" for c in columns if _typed(c)]
    )
    rows = (
        f"WITH r AS MATERIALIZED (SELECT "
        f"(SELECT count(*) = {len(names)} AND total(key IN ({known})) = {len(names)} "
        f"FROM jsonb_each(e.value)) AS row__whole, "
        f"json_type(e.value) AS row__type, {extracted} "
        f"FROM jsonb_each(?, '$.rows.{table.name}') AS e) "
    )
    checks = " AND ".join(str(_check(column)) for column in columns)
    updates = ", ".join(f"{name} = excluded.{name}" for name in names if name != "id")
    # Only rows that pass every check go in; the caller compares the count (one pass over the
    # rows, not a check and then an insert).
    upsert = (
        f"{rows}INSERT INTO {table.name} ({', '.join(names)}) "
        f"SELECT {', '.join(_stored(column) for column in columns)} FROM r "
        f"WHERE r.row__type = 'object' AND r.row__whole AND {checks} "
        f"ON CONFLICT (id) DO UPDATE SET {updates}"
    )
    versions = (
        "INSERT INTO sync_row_state (table_name, row_id, server_version) "
        f"SELECT '{table.name}', replace({_value('id')}, '-', ''), {_value('version')} "
        f"FROM jsonb_each(?, '$.rows.{table.name}') AS e WHERE {_value('version')} IS NOT NULL "
        "ON CONFLICT (table_name, row_id) DO UPDATE SET server_version = excluded.server_version"
    )
    return upsert, versions if "version" in table.c else ""


def _upsert_checked(connection: Connection, table: sa.Table, page: bytes, count: int) -> bool:
    """Upsert the table's rows if every one passes the checks; else change nothing, False."""
    connection.exec_driver_sql("SAVEPOINT page_table")
    stored = connection.exec_driver_sql(_statements(table)[0], (page,)).rowcount
    if stored != count:
        connection.exec_driver_sql("ROLLBACK TO page_table")
    connection.exec_driver_sql("RELEASE page_table")
    return stored == count


def _remember_server_versions(connection: Connection, table: sa.Table, page: bytes) -> None:
    if versions := _statements(table)[1]:
        connection.exec_driver_sql(versions, (page,))


def _lay_pending_over(connection: Connection, table: sa.Table, page: bytes) -> None:
    """Fields the officer changed since the last push stay as the officer left them (they are
    still in the outbox, and the next push merges them at the centre)."""
    pending = connection.exec_driver_sql(
        "SELECT o.row_id, o.fields FROM sync_outbox AS o "
        "WHERE o.table_name = ? AND o.operation = 'update' AND o.row_id IN "
        f"(SELECT replace({_value('id')}, '-', '') FROM jsonb_each(?, '$.rows.{table.name}') AS e) "
        "ORDER BY o.position",
        (table.name, page),
    ).all()
    if not pending:
        return
    laid: dict[str, dict[str, Any]] = {}
    for row_id, fields in pending:
        laid.setdefault(row_id, {}).update(decode_fields(table, json.loads(fields)))
    for row_id, fields in laid.items():
        connection.execute(
            update(table).where(table.c.id == bindparam("row_id", type_=table.c.id.type)),
            {"row_id": uuid.UUID(hex=row_id), **fields},
        )


def _cases_of(connection: Connection, table: sa.Table, page: bytes) -> set[uuid.UUID]:
    """The cases whose derived data these rows may change (as apply.cases_touched)."""
    rows = f"jsonb_each(?, '$.rows.{table.name}') AS e"
    if table.name == "housing_case" or (table.name != "person" and "case_id" in table.c):
        key = "id" if table.name == "housing_case" else "case_id"
        found = connection.exec_driver_sql(
            f"SELECT DISTINCT {_value(key)} FROM {rows} WHERE {_value(key)} IS NOT NULL", (page,)
        ).scalars()
        return {uuid.UUID(case_id) for case_id in found}
    person_key = "id" if table.name == "person" else "person_id"
    if person_key not in table.c:
        return set()
    found = connection.exec_driver_sql(
        f"SELECT DISTINCT m.case_id FROM household_member AS m WHERE m.person_id IN "
        f"(SELECT replace({_value(person_key)}, '-', '') FROM {rows})",
        (page,),
    ).scalars()
    return {uuid.UUID(hex=case_id) for case_id in found}


def _rows_as_python(connection: Connection, table: sa.Table, page: bytes) -> list[dict[str, Any]]:
    text = connection.exec_driver_sql(
        "SELECT json(? -> ?)", (page, f"$.rows.{table.name}")
    ).scalar_one()
    loaded = json.loads(text)
    if not all(isinstance(row, dict) for row in loaded):
        raise PageUnreadable("The sync service sent a pull page hoclient cannot read.")
    for row in loaded:
        if missing := [column.name for column in table.columns if column.name not in row]:
            raise PageUnreadable(
                f"The sync service sent a {table.name} row without {', '.join(missing)}."
            )
    return list(loaded)
