"""Applying a pulled page inside SQLite: the page's JSON goes to the store as it came.

A first sync brings tens of thousands of rows. Decoding each value into a Python object and
binding it again for SQLite cost more than the centre's whole answer, so a page is handed to
SQLite once (as JSONB) and each table's rows are checked and upserted by one statement that
reads them with `jsonb_each`: the values never become Python objects (bytes excepted: SQLite
cannot read base64, so it calls back to Python's decoder once a value).

The check is strict and made in the same statement: every row has exactly the table's
columns, each value of its column's JSON type and form (ids as lower-case UUID text, instants
as UTC text with microseconds, days as ISO dates, enum names among the enum's members, text
within its length, bytes as base64). If any row of a table fails, nothing of that table is
kept and it goes the careful way instead (hoclient.sync.apply, one row at a time), which also
names the first bad value. Either way the stored values are exactly what SQLAlchemy would have
written (tests/sync/test_page_apply.py compares them).

Rows the officer changed again since the last push keep those changes, as in apply.py: the
few rows with a pending update get their outbox fields laid over after the upsert.
"""

import base64
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
_UNBASE64 = "hoclient_unbase64"
_DATE_GLOB = f"{_DIGITS * 4}-{_DIGITS * 2}-{_DIGITS * 2}"
_INSTANT_GLOB = f"{_DATE_GLOB}T{_DIGITS * 2}:{_DIGITS * 2}:{_DIGITS * 2}.{_DIGITS * 6}+00:00"


class PageUnreadable(ValueError):
    """The page is not one hoclient can read; its message says what is wrong."""


@dataclass(frozen=True)
class ReadPage:
    """A page as SQLite holds it, and what the next request needs from it."""

    # Each table's rows as a JSONB array. Statements are handed one table's rows, never the
    # whole page: binding a 38 MB page (letters' PDFs) cost 30 ms a statement.
    tables: dict[str, tuple[bytes, int]]  # table -> (its rows, how many)
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
    tables = _tables(connection, page)
    cases: list[uuid.UUID] = []
    if "housing_case" in tables:
        case_ids = connection.exec_driver_sql(
            "SELECT e.value ->> '$.id' FROM jsonb_each(?) AS e", (tables["housing_case"][0],)
        ).scalars()
        try:
            cases = [uuid.UUID(str(case_id)) for case_id in case_ids]
        except ValueError:
            raise PageUnreadable(
                "The sync service sent a pull page hoclient cannot read."
            ) from None
    return ReadPage(tables, cursor, more, leaving, cases)


def apply_page(connection: Connection, read: ReadPage) -> AppliedPage:
    """Apply a read page in the caller's transaction."""
    # A page may carry a child before its parent's table (a self-reference, say): foreign
    # keys are checked at COMMIT, when the whole page is in.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    # Bytes travel as base64, which SQLite cannot decode itself (letters' PDFs: 95 MB in a
    # first sync of 2,000 cases).
    connection.connection.driver_connection.create_function(  # type: ignore[union-attr]
        _UNBASE64, 1, _unbase64, deterministic=True
    )
    counts = {name: count for name, (_rows, count) in read.tables.items()}
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
        rows = read.tables[table.name][0]
        if _fast(table) and _upsert_checked(connection, table, rows, counts[table.name]):
            if table.name in pending:
                _lay_pending_over(connection, table, rows)
            _remember_server_versions(connection, table, rows)
            fast.append(table)
        else:
            careful[table.name] = _rows_as_python(connection, table, rows)
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
        touched |= _cases_of(connection, table, read.tables[table.name][0])
    applied = sum(counts.get(table.name, 0) for table in synced_tables().values())
    return AppliedPage(applied, touched)


def _tables(connection: Connection, page: bytes) -> dict[str, tuple[bytes, int]]:
    """Each table's rows; tables hoclient does not know are left alone, as before."""
    tables = {}
    for name, kind, length, rows in connection.exec_driver_sql(
        "SELECT key, type, json_array_length(value), value FROM jsonb_each(?, '$.rows')", (page,)
    ):
        if kind != "array":
            raise PageUnreadable("The sync service sent a pull page hoclient cannot read.")
        tables[name] = (rows, int(length))
    return tables


def _header(connection: Connection, page: bytes) -> tuple[int, bool, list[uuid.UUID]]:
    kinds = connection.exec_driver_sql(
        "SELECT json_type(p, '$.cursor'), json_type(p, '$.more'), json_type(p, '$.rows'), "
        "coalesce(json_type(p, '$.leaving'), 'array'), p ->> '$.cursor', "
        "json(coalesce(p -> '$.leaving', '[]')) FROM (SELECT ? AS p)",
        (page,),
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
    """Columns whose JSON type must be read itself: `->>` gives true and false as 1 and 0,
    and bytes are decoded on the way out of the JSON (a null and a bad value both give NULL)."""
    kind = column.type
    return isinstance(kind, sa.Boolean | sa.Integer | sa.LargeBinary) and not isinstance(
        kind, sa.Enum
    )


def _extracted(column: sa.Column[Any]) -> str:
    if isinstance(column.type, sa.LargeBinary):
        return f"{_UNBASE64}({_value(column.name)})"
    return _value(column.name)


def _unbase64(text: object) -> bytes | None:
    """The codec's base64 as bytes; None for anything else (the check then fails)."""
    if not isinstance(text, str):
        return None
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:  # binascii.Error is a ValueError
        return None


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
    elif isinstance(kind, sa.LargeBinary):
        kind_of = f"r.{column.name}__type"
        return f"({kind_of} = 'null' OR ({kind_of} = 'text' AND {value} IS NOT NULL))"
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
        [f"{_extracted(column)} AS {column.name}" for column in columns]
        + [f"json_type(e.value, '$.{c.name}') AS {c.name}__type" for c in columns if _typed(c)]
    )
    rows = (
        f"WITH r AS MATERIALIZED (SELECT "
        f"(SELECT count(*) = {len(names)} AND total(key IN ({known})) = {len(names)} "
        f"FROM jsonb_each(e.value)) AS row__whole, "
        f"json_type(e.value) AS row__type, {extracted} "
        "FROM jsonb_each(?) AS e) "
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
        f"FROM jsonb_each(?) AS e WHERE {_value('version')} IS NOT NULL "
        "ON CONFLICT (table_name, row_id) DO UPDATE SET server_version = excluded.server_version"
    )
    return upsert, versions if "version" in table.c else ""


def _upsert_checked(connection: Connection, table: sa.Table, rows: bytes, count: int) -> bool:
    """Upsert the table's rows if every one passes the checks; else change nothing, False."""
    connection.exec_driver_sql("SAVEPOINT page_table")
    stored = connection.exec_driver_sql(_statements(table)[0], (rows,)).rowcount
    if stored != count:
        connection.exec_driver_sql("ROLLBACK TO page_table")
    connection.exec_driver_sql("RELEASE page_table")
    return stored == count


def _remember_server_versions(connection: Connection, table: sa.Table, rows: bytes) -> None:
    if versions := _statements(table)[1]:
        connection.exec_driver_sql(versions, (rows,))


def _lay_pending_over(connection: Connection, table: sa.Table, rows: bytes) -> None:
    """Fields the officer changed since the last push stay as the officer left them (they are
    still in the outbox, and the next push merges them at the centre)."""
    pending = connection.exec_driver_sql(
        "SELECT o.row_id, o.fields FROM sync_outbox AS o "
        "WHERE o.table_name = ? AND o.operation = 'update' AND o.row_id IN "
        f"(SELECT replace({_value('id')}, '-', '') FROM jsonb_each(?) AS e) "
        "ORDER BY o.position",
        (table.name, rows),
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


def _cases_of(connection: Connection, table: sa.Table, rows: bytes) -> set[uuid.UUID]:
    """The cases whose derived data these rows may change (as apply.cases_touched)."""
    each = "jsonb_each(?) AS e"
    if table.name == "housing_case" or (table.name != "person" and "case_id" in table.c):
        key = "id" if table.name == "housing_case" else "case_id"
        found = connection.exec_driver_sql(
            f"SELECT DISTINCT {_value(key)} FROM {each} WHERE {_value(key)} IS NOT NULL", (rows,)
        ).scalars()
        return {uuid.UUID(case_id) for case_id in found}
    person_key = "id" if table.name == "person" else "person_id"
    if person_key not in table.c:
        return set()
    found = connection.exec_driver_sql(
        f"SELECT DISTINCT m.case_id FROM household_member AS m WHERE m.person_id IN "
        f"(SELECT replace({_value(person_key)}, '-', '') FROM {each})",
        (rows,),
    ).scalars()
    return {uuid.UUID(hex=case_id) for case_id in found}


def _rows_as_python(connection: Connection, table: sa.Table, rows: bytes) -> list[dict[str, Any]]:
    text = connection.exec_driver_sql("SELECT json(?)", (rows,)).scalar_one()
    loaded = json.loads(text)
    if not all(isinstance(row, dict) for row in loaded):
        raise PageUnreadable("The sync service sent a pull rows hoclient cannot read.")
    for row in loaded:
        if missing := [column.name for column in table.columns if column.name not in row]:
            raise PageUnreadable(
                f"The sync service sent a {table.name} row without {', '.join(missing)}."
            )
    return list(loaded)
