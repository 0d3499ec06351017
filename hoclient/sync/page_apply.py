"""Applying a pulled page inside SQLite: the page's JSON goes to SQLite as it came.

A first sync brings tens of thousands of rows. Decoding each value into a Python object and
binding it again for SQLite cost more than the centre's whole answer, so a page is handed to
SQLite once (as JSONB) and each table's rows are checked and converted by one statement that
reads them with `jsonb_each`: the values never become Python objects. Bytes (letters' PDFs)
come after the JSON, not in it: a row holds its blob's number, and SQLite calls back to Python
for the blob itself (protocol.PullResponse).

Reading is done apart from storing (read_page, in the pull's own thread): the rows are checked
and converted into a private in-memory database (store.engine.staging_database), one plain
table a synced table, already in the form the store keeps. The store's thread then only
attaches it and copies each table across (apply_page), so the store's single writer spends
its time on the inserts alone (half what reading and checking the JSON there cost it).

A table's rows come as arrays of values under one list of column names (protocol.TableRows).
The list is checked once: it must name exactly the table's columns, in any order. The check
of each row is then made in the same statement: an array of that many values, each of its
column's JSON type and form (ids as lower-case UUID text, instants as UTC text with
microseconds, days as ISO dates, enum names among the enum's members, text within its length,
bytes as the number of one of the page's blobs). If any row of a table fails, nothing of that
table is staged and it goes the careful way instead (hoclient.sync.apply, one row at a time),
which also names the first bad value. Either way the stored values are exactly what SQLAlchemy
would have written (tests/sync/test_page_apply.py compares them).

Rows the officer changed again since the last push keep those changes, as in apply.py: the
few rows with a pending update get their outbox fields laid over after the upsert.
"""

import base64
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import sqlalchemy as sa
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, bindparam, update

from hoclient.models import SyncOutbox
from hoclient.models.sync_codec import decode_fields, synced_tables, table_of
from hoclient.models.types import UtcDateTime
from hoclient.store.engine import StagingDatabase, staging_database
from hoclient.sync.apply import apply_rows, cases_touched

_outbox = table_of(SyncOutbox)

_HEX = "[0-9a-f]"
_UUID_GLOB = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))
_DIGITS = "[0-9]"
_BLOB = "hoclient_page_blob"
_LONGEST_LENGTH_LINE = 20  # digits of the JSON's length, before its newline
_DATE_GLOB = f"{_DIGITS * 4}-{_DIGITS * 2}-{_DIGITS * 2}"
_INSTANT_GLOB = f"{_DATE_GLOB}T{_DIGITS * 2}:{_DIGITS * 2}:{_DIGITS * 2}.{_DIGITS * 6}+00:00"
_STAGED = "{staged}"  # in statements made once: the page's schema name, given per page


class PageUnreadable(ValueError):
    """The page is not one hoclient can read; its message says what is wrong."""


@dataclass(frozen=True)
class TableBlock:
    """One table's rows as the page carries them."""

    columns: tuple[str, ...]  # the names of each row's values, in order
    rows: bytes  # a JSONB array of the rows, each an array of values
    count: int

    def position(self, name: str) -> int:
        """Where the named column's value is in each row."""
        return self.columns.index(name)


@dataclass(frozen=True)
class ReadPage:
    """A page read and checked, and what the next request needs from it."""

    tables: dict[str, TableBlock]
    cursor: int
    more: bool
    leaving: list[uuid.UUID]
    case_ids: list[uuid.UUID]  # of the housing_case rows it carries
    # On a page of whole cases: the feed position they are complete to (protocol.PullResponse)
    whole_cases_at: int | None = None
    # The bytes after the JSON, and where each blob is in them
    blob_data: memoryview | None = None
    blob_spans: tuple[tuple[int, int], ...] = ()
    # The tables whose rows all passed the checks, converted into the staging database; the
    # others go the careful way
    staged: frozenset[str] = frozenset()
    staging: StagingDatabase | None = None
    # Cases whose rows (a case_id of theirs) are among the staged rows
    staged_case_ids: frozenset[uuid.UUID] = frozenset()
    _attached_as: list[str] = field(default_factory=list, compare=False, repr=False)

    def blob(self, number: object) -> bytes | None:
        """The numbered blob; None for anything but the number of one (the check then fails)."""
        if type(number) is not int or not 0 <= number < len(self.blob_spans):
            return None
        assert self.blob_data is not None
        start, end = self.blob_spans[number]
        return bytes(self.blob_data[start:end])

    def attach(self, connection: Connection) -> str | None:
        """The staged rows attached to the store's connection; their schema's name."""
        if self.staging is None:
            return None
        if not self._attached_as:
            alias = f"hoclient_page_{uuid.uuid4().hex[:12]}"
            connection.exec_driver_sql(self.staging.attach_sql(alias))
            self._attached_as.append(alias)
        return self._attached_as[0]

    def release(self, connection: Connection | None = None) -> None:
        """Detach the staged rows from the store's connection, once its transaction is over
        (SQLite refuses while it is open), and free them. Safe to call more than once."""
        try:
            if connection is not None and self._attached_as:
                alias = self._attached_as.pop()
                try:
                    connection.connection.driver_connection.execute(  # type: ignore[union-attr]
                        f"DETACH DATABASE {alias}"
                    )
                except sqlcipher.Error:
                    # Still attached (its transaction not over): the pool must not hand this
                    # connection out again with a page held in it.
                    connection.invalidate()
        finally:
            if self.staging is not None:
                self.staging.connection.close()


@dataclass(frozen=True)
class AppliedPage:
    rows: int
    cases_touched: set[uuid.UUID]


_HEADER = (
    "SELECT json_type(p, '$.cursor'), json_type(p, '$.more'), json_type(p, '$.rows'), "
    "coalesce(json_type(p, '$.leaving'), 'array'), p ->> '$.cursor', "
    "json(coalesce(p -> '$.leaving', '[]')), "
    "json_type(p, '$.whole_cases_at'), p ->> '$.whole_cases_at', "
    "json_type(p, '$.blobs'), json(p -> '$.blobs') FROM (SELECT ? AS p)"
)
_TABLES = (
    "SELECT key, type, json_type(value, '$.columns'), json_type(value, '$.values'), "
    "json(value -> '$.columns'), jsonb_extract(value, '$.values'), "
    "json_array_length(value, '$.values') FROM jsonb_each(?, '$.rows')"
)


def read_page(
    text: str | bytes, *, header_read: Callable[[ReadPage], None] | None = None
) -> ReadPage:
    """Parse a pull page (the centre's answer, untouched), check its header, and check and
    stage its rows; the caller applies it (apply_page) and then releases it.

    `header_read` is called with the page's header and case ids before its rows are checked
    (the pull sends its next request then, so the centre builds the next page meanwhile)."""
    staging = staging_database()
    try:
        return _read(staging, text, header_read)
    except BaseException:
        staging.connection.close()
        raise


def _read(
    staging: StagingDatabase,
    text: str | bytes,
    header_read: Callable[[ReadPage], None] | None,
) -> ReadPage:
    text, blob_data = _split(text)
    reading = staging.connection
    try:
        page = reading.execute("SELECT jsonb(?)", (text,)).fetchone()[0]
    except sqlcipher.Error:
        raise PageUnreadable("The sync service sent a pull page that is not JSON.") from None
    # The page's JSONB is bound to each of these, never kept in a (materialised) table: a
    # page with letters is 38 MB, and a table of it was copied out for each row read.
    header = reading.execute(_HEADER, (page,)).fetchone()
    cursor, more, leaving = _header(*header[:6])
    whole_kind, whole_at, blobs_kind, blobs = header[6:10]
    if whole_kind not in (None, "integer") or blobs_kind not in (None, "array"):
        raise PageUnreadable("The sync service sent a pull page hoclient cannot read.")
    spans = _blob_spans(json.loads(blobs) if blobs else [], blob_data)
    tables = _tables(reading.execute(_TABLES, (page,)).fetchall())
    cases: list[uuid.UUID] = []
    if (block := tables.get("housing_case")) is not None and "id" in block.columns:
        case_ids = reading.execute(
            f"SELECT e.value ->> {block.position('id')} FROM jsonb_each(?) AS e", (block.rows,)
        ).fetchall()
        try:
            cases = [uuid.UUID(str(case_id)) for (case_id,) in case_ids]
        except ValueError:
            raise PageUnreadable(
                "The sync service sent a pull page hoclient cannot read."
            ) from None
    whole_cases_at = None if whole_at is None else int(whole_at)
    read = ReadPage(tables, cursor, more, leaving, cases, whole_cases_at, blob_data, spans)
    if header_read is not None:
        header_read(read)
    staged = _stage(staging, read)
    if not staged:
        staging.connection.close()
        return read
    return replace(
        read,
        staged=frozenset(table.name for table in staged),
        staging=staging,
        staged_case_ids=frozenset(_staged_case_ids(staging.connection, staged)),
    )


def _stage(staging: StagingDatabase, read: ReadPage) -> list[sa.Table]:
    """Check and convert each table's rows into the staging database, in one statement a
    table; the tables all of whose rows passed."""
    writing = staging.connection
    # This page's blobs, by number (letters' PDFs: 95 MB in a first sync of 2,000 cases).
    writing.create_function(_BLOB, 1, read.blob, deterministic=True)
    staged = []
    writing.execute("BEGIN")
    for table in synced_tables().values():
        block = read.tables.get(table.name)
        if block is None or not block.count or not _fast(table, block.columns):
            continue
        create, insert = _staging_statements(table, block.columns)
        writing.execute(create)
        # Only rows that pass every check go in (one pass over the rows, not a check and then
        # an insert): a count short means a bad row, and the table goes the careful way.
        if writing.execute(insert, (block.rows,)).rowcount == block.count:
            staged.append(table)
        else:
            writing.execute(f"DROP TABLE {table.name}")
    writing.execute("COMMIT")
    return staged


def _staged_case_ids(reading: sqlcipher.Connection, staged: list[sa.Table]) -> set[uuid.UUID]:
    """The cases whose rows are among the staged ones (as apply.cases_touched)."""
    found: set[uuid.UUID] = set()
    for table in staged:
        if (key := _case_key(table)) is not None:
            rows = reading.execute(
                f"SELECT DISTINCT {key} FROM {table.name} WHERE {key} IS NOT NULL"
            ).fetchall()
            found.update(uuid.UUID(hex=case_id) for (case_id,) in rows)
    return found


def _case_key(table: sa.Table) -> str | None:
    """The column naming the case a table's rows belong to; None for rows of no case (a
    person's own, reference data)."""
    if table.name == "housing_case":
        return "id"
    return "case_id" if table.name != "person" and "case_id" in table.c else None


def _split(body: str | bytes) -> tuple[str | bytes, memoryview | None]:
    """The JSON, and the blobs after it: a page with bytes starts with the JSON's length on a
    line of its own; a page without is JSON alone."""
    if isinstance(body, str) or body[:1] == b"{":
        return body, None
    newline = body.find(b"\n", 0, _LONGEST_LENGTH_LINE + 1)
    if newline < 1 or not body[:newline].isdigit():
        raise PageUnreadable("The sync service sent a pull page that is not JSON.")
    start = newline + 1
    end = start + int(body[:newline])
    if end > len(body):
        raise PageUnreadable("The sync service sent a pull page cut short.")
    return body[start:end], memoryview(body)[end:]


def _blob_spans(lengths: object, data: memoryview | None) -> tuple[tuple[int, int], ...]:
    """Where each blob is: the header lists their lengths, which must add up to the bytes."""
    if (
        not isinstance(lengths, list)
        or not all(type(length) is int and length >= 0 for length in lengths)
        or sum(lengths) != (len(data) if data is not None else 0)
    ):
        raise PageUnreadable("The sync service sent a pull page whose bytes do not add up.")
    spans, start = [], 0
    for length in lengths:
        spans.append((start, start + length))
        start += length
    return tuple(spans)


def apply_page(connection: Connection, read: ReadPage) -> AppliedPage:
    """Apply a read page in the caller's transaction; the caller then releases the page."""
    # A page may carry a child before its parent's table (a self-reference, say): foreign
    # keys are checked at COMMIT, when the whole page is in.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    counts = {name: block.count for name, block in read.tables.items()}
    pending = set(
        connection.exec_driver_sql(
            "SELECT DISTINCT table_name FROM sync_outbox WHERE operation = 'update'"
        ).scalars()
    )
    staged_as = read.attach(connection)
    careful: dict[str, list[dict[str, Any]]] = {}
    fast: list[sa.Table] = []
    for table in synced_tables().values():
        if not counts.get(table.name):
            continue
        if staged_as is not None and table.name in read.staged:
            upsert, versions = (
                statement.replace(_STAGED, staged_as) for statement in _copy_statements(table)
            )
            connection.exec_driver_sql(upsert)
            if table.name in pending:
                _lay_pending_over(connection, table, staged_as)
            if versions:
                connection.exec_driver_sql(versions)
            fast.append(table)
        else:
            careful[table.name] = _rows_as_python(connection, table, read.tables[table.name], read)
    if careful:
        try:
            apply_rows(connection, careful)
        except ValueError as error:
            raise PageUnreadable(
                f"The sync service sent a value hoclient cannot store: {error}"
            ) from None
    # Once every row is in: a person's cases are found through household_member rows that
    # may have come in this same page.
    touched = cases_touched(connection, careful) | set(read.staged_case_ids)
    if staged_as is not None:
        for table in fast:
            touched |= _cases_of_persons(connection, table, staged_as)
    applied = sum(counts.get(table.name, 0) for table in synced_tables().values())
    return AppliedPage(applied, touched)


def _tables(read: Iterable[Sequence[Any]]) -> dict[str, TableBlock]:
    """Each table's rows; tables hoclient does not know are left alone, as before."""
    tables = {}
    for name, kind, columns_kind, rows_kind, columns, rows, length in read:
        names = json.loads(columns) if columns_kind == "array" else None
        if (
            kind != "object"
            or rows_kind != "array"
            or not isinstance(names, list)
            or not all(isinstance(name, str) for name in names)
            or len(set(names)) != len(names)
        ):
            raise PageUnreadable("The sync service sent a pull page hoclient cannot read.")
        tables[name] = TableBlock(tuple(names), rows, int(length))
    return tables


def _header(
    cursor_kind: str | None,
    more_kind: str | None,
    rows_kind: str | None,
    leaving_kind: str | None,
    cursor: object,
    leaving: str,
) -> tuple[int, bool, list[uuid.UUID]]:
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
    return int(str(cursor)), more_kind == "true", leaving_ids


def _value(columns: tuple[str, ...], name: str) -> str:
    """SQL for the named column's value in the row `e.value`."""
    return f"(e.value ->> {columns.index(name)})"


def _typed(column: sa.Column[Any]) -> bool:
    """Columns whose JSON type must be read itself: `->>` gives true and false as 1 and 0,
    and bytes are fetched by their blob's number (a null and a bad number both give NULL)."""
    kind = column.type
    return isinstance(kind, sa.Boolean | sa.Integer | sa.LargeBinary) and not isinstance(
        kind, sa.Enum
    )


def _extracted(column: sa.Column[Any], columns: tuple[str, ...]) -> str:
    if isinstance(column.type, sa.LargeBinary):
        return f"{_BLOB}({_value(columns, column.name)})"
    return _value(columns, column.name)


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
        return f"({kind_of} = 'null' OR ({kind_of} = 'integer' AND {value} IS NOT NULL))"
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
def _fast(table: sa.Table, columns: tuple[str, ...]) -> bool:
    """True when the page's columns are exactly the table's (in any order) and every one has
    a check; else the table goes the careful way, which names what is wrong."""
    return sorted(columns) == sorted(table.c.keys()) and all(
        _check(column) is not None for column in table.columns
    )


@cache
def _staging_statements(table: sa.Table, order: tuple[str, ...]) -> tuple[str, str]:
    """(the staging table, the checked insert into it) for a table whose rows hold their
    values in `order`, made once."""
    columns = list(table.columns)
    names = [column.name for column in columns]
    # Each value is read out of the JSON once, into a materialised row set that the checks
    # and the conversions then read as plain values (reading a value twice cost as much as
    # the insert). A row must be an array of exactly as many values as the table has columns.
    extracted = ", ".join(
        [f"{_extracted(column, order)} AS {column.name}" for column in columns]
        + [
            f"json_type(e.value, '$[{order.index(c.name)}]') AS {c.name}__type"
            for c in columns
            if _typed(c)
        ]
    )
    rows = (
        "WITH r AS MATERIALIZED (SELECT json_type(e.value) AS row__type, "
        f"json_array_length(e.value) AS row__length, {extracted} FROM jsonb_each(?) AS e) "
    )
    checks = " AND ".join(str(_check(column)) for column in columns)
    insert = (
        f"{rows}INSERT INTO {table.name} ({', '.join(names)}) "
        f"SELECT {', '.join(_stored(column) for column in columns)} FROM r "
        f"WHERE r.row__type = 'array' AND r.row__length = {len(names)} AND {checks}"
    )
    return f"CREATE TABLE {table.name} ({', '.join(names)})", insert


@cache
def _copy_statements(table: sa.Table) -> tuple[str, str]:
    """(the upsert of a table's staged rows, their server versions), the staged schema's
    name left to fill in."""
    names = [column.name for column in table.columns]
    listed = ", ".join(names)
    updates = ", ".join(f"{name} = excluded.{name}" for name in names if name != "id")
    # "WHERE true": an upsert's SELECT needs a WHERE before ON CONFLICT (SQLite's parser).
    upsert = (
        f"INSERT INTO main.{table.name} ({listed}) SELECT {listed} FROM {_STAGED}.{table.name} "
        f"WHERE true ON CONFLICT (id) DO UPDATE SET {updates}"
    )
    if "version" not in table.c:
        return upsert, ""
    versions = (
        "INSERT INTO main.sync_row_state (table_name, row_id, server_version) "
        f"SELECT '{table.name}', id, version FROM {_STAGED}.{table.name} "
        "WHERE version IS NOT NULL "
        "ON CONFLICT (table_name, row_id) DO UPDATE SET server_version = excluded.server_version"
    )
    return upsert, versions


def _lay_pending_over(connection: Connection, table: sa.Table, staged_as: str) -> None:
    """Fields the officer changed since the last push stay as the officer left them (they are
    still in the outbox, and the next push merges them at the centre)."""
    pending = connection.exec_driver_sql(
        "SELECT o.row_id, o.fields FROM sync_outbox AS o "
        "WHERE o.table_name = ? AND o.operation = 'update' AND o.row_id IN "
        f"(SELECT id FROM {staged_as}.{table.name}) ORDER BY o.position",
        (table.name,),
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


def _cases_of_persons(connection: Connection, table: sa.Table, staged_as: str) -> set[uuid.UUID]:
    """The cases of the persons whose rows these are (the cases' own rows are counted when
    staged): found through household_member, once every row of the page is in."""
    if _case_key(table) is not None:
        return set()
    person_key = "id" if table.name == "person" else "person_id"
    if person_key not in table.c:
        return set()
    found = connection.exec_driver_sql(
        f"SELECT DISTINCT m.case_id FROM household_member AS m WHERE m.person_id IN "
        f"(SELECT {person_key} FROM {staged_as}.{table.name})"
    ).scalars()
    return {uuid.UUID(hex=case_id) for case_id in found}


def _rows_as_python(
    connection: Connection, table: sa.Table, block: TableBlock, read: ReadPage
) -> list[dict[str, Any]]:
    text = connection.exec_driver_sql("SELECT json(?)", (block.rows,)).scalar_one()
    loaded = json.loads(text)
    if not all(isinstance(row, list) and len(row) == len(block.columns) for row in loaded):
        raise PageUnreadable(
            f"The sync service sent {table.name} rows hoclient cannot read: each must be "
            f"{len(block.columns)} values, one for each column it names."
        )
    if missing := [column.name for column in table.columns if column.name not in block.columns]:
        raise PageUnreadable(
            f"The sync service sent a {table.name} row without {', '.join(missing)}."
        )
    rows = [dict(zip(block.columns, row, strict=True)) for row in loaded]
    # The careful way reads bytes in the codec's form: a blob's number becomes its base64 (a
    # number that is no blob's stays, and is named as a bad value).
    for name in (c.name for c in table.columns if isinstance(c.type, sa.LargeBinary)):
        for row in rows:
            if (found := read.blob(row[name])) is not None:
                row[name] = base64.b64encode(found).decode("ascii")
    return rows
