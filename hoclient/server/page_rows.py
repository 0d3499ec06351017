"""A pull page's rows as JSON text, each row made once and never parsed again.

Each table's rows travel as arrays of values under one list of its column names
(protocol.TableRows): names repeated in every row were half of a page, and a laptop checks a
row's columns once a table instead of once a row (hoclient.sync.page_apply).

On PostgreSQL the database writes each row's JSON itself (`json_build_array` over the columns
in the sync codec's forms), so the centre's Python touches a row once, as one string; a first
sync of 40k rows spent most of the centre's time encoding values one by one in Python. A SQLite
centre (a demo, the fast tests) encodes rows with the codec in Python. Both give the same
values: instants as UTC to the microsecond, UUIDs as lower-case text, enums by name (tests run
the whole sync suite against both).

Bytes (letters' PDFs) travel outside the JSON: a bytes value in a row is the number of a blob,
and the blobs follow the JSON as they are (protocol.PullResponse). As base64 inside the JSON,
2,000 letters were 127 MB of text for the centre to encode and the laptop to parse and decode.
Rows of a table with bytes are encoded in Python on both databases.

Alongside each row the page keeps the ids its foreign keys point at, so the parents a page
needs can be found without reading its JSON back.
"""

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import psycopg
import sqlalchemy as sa
from psycopg.abc import Buffer
from psycopg.adapt import Loader
from sqlalchemy import Connection, select

from hoclient.models.sync_codec import encode_row, synced_tables
from hoclient.models.types import UtcDateTime
from hoclient.server.id_lists import uuid_array

_ID_BATCH = 500  # ids per IN (...) list on SQLite


class PageRows:
    def __init__(self) -> None:
        # table -> row id (text) -> the row's JSON array, in column_names(table) order (UTF-8)
        self.rows: dict[str, dict[str, bytes]] = defaultdict(dict)
        # table -> foreign key column -> the ids (text) its rows point at
        self.references: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        # the bytes values of the rows, in the order their numbers were given
        self.blobs: list[bytes] = []

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def add_by_ids(
        self,
        connection: Connection,
        table: sa.Table,
        column: str,
        ids: Iterable[uuid.UUID | str],
    ) -> None:
        """Add the rows of `table` whose `column` is one of `ids`."""
        wanted = list(ids)
        if not wanted:
            return
        if connection.dialect.name == "postgresql" and not _bytes_columns(table):
            # One array literal: psycopg adapting thousands of UUIDs one by one cost more than
            # the query.
            array = uuid_array(wanted)
            self._add_json_rows(connection, table, _postgresql_query(table, column), array)
            return
        wanted = [value if isinstance(value, uuid.UUID) else uuid.UUID(value) for value in wanted]
        for start in range(0, len(wanted), _ID_BATCH):
            chunk = wanted[start : start + _ID_BATCH]
            self.add_result(
                table, connection.execute(select(table).where(table.c[column].in_(chunk)))
            )

    def add_by_ids_together(
        self, connection: Connection, wanted: Iterable[tuple[sa.Table, str, Sequence[str]]]
    ) -> None:
        """add_by_ids for several (table, column, ids) at once. On PostgreSQL their queries go
        in one pipeline: the database runs each next query while the centre takes in the rows
        of the one before (a page of whole cases is twenty queries, and the centre's Python
        and PostgreSQL had taken turns)."""
        asked = [(table, column, ids) for table, column, ids in wanted if ids]
        if connection.dialect.name != "postgresql":
            for table, column, ids in asked:
                self.add_by_ids(connection, table, column, ids)
            return
        for table, column, ids in asked:
            if _bytes_columns(table):
                self.add_by_ids(connection, table, column, ids)
        driver = connection.connection.driver_connection
        assert isinstance(driver, psycopg.Connection)
        with driver.pipeline():
            cursors = []
            for table, column, ids in asked:
                if not _bytes_columns(table):
                    cursor = _json_cursor(driver)
                    cursor.execute(_postgresql_query(table, column), {"ids": uuid_array(ids)})
                    cursors.append((table, cursor))
            for table, cursor in cursors:
                with cursor:
                    self._take(table, cursor.fetchall())

    def add_all(self, connection: Connection, table: sa.Table) -> None:
        if connection.dialect.name == "postgresql" and not _bytes_columns(table):
            self._add_json_rows(connection, table, _postgresql_query(table, None), None)
        else:
            self.add_result(table, connection.execute(select(table)))

    def add_result(self, table: sa.Table, result: sa.CursorResult[Any]) -> None:
        held, references = self.rows[table.name], self.references[table.name]
        keys = _foreign_keys(table)
        blobs = _bytes_columns(table)
        for found in result.mappings():
            if str(found["id"]) in held:
                continue  # the same snapshot: the same row (and no second copy of its bytes)
            values: Mapping[Any, Any] = found
            if blobs:
                values = {**found, **{name: self._blob(found[name]) for name in blobs}}
            encoded = encode_row(table, values)
            held[str(encoded["id"])] = json.dumps(
                [encoded[name] for name in column_names(table)], separators=(",", ":")
            ).encode()
            for key in keys:
                if (value := encoded[key]) is not None:
                    references[key].add(str(value))

    def _add_json_rows(
        self, connection: Connection, table: sa.Table, query: str, ids: str | None
    ) -> None:
        driver = connection.connection.driver_connection
        assert isinstance(driver, psycopg.Connection)
        with _json_cursor(driver) as cursor:
            cursor.execute(query, {"ids": ids} if ids is not None else None)
            # fetchall: psycopg makes the rows in one go (iterating checked the cursor a row).
            self._take(table, cursor.fetchall())

    def _take(self, table: sa.Table, fetched: list[tuple[Any, ...]]) -> None:
        """Rows of _postgresql_query: (id, the row's JSON, the ids its foreign keys hold)."""
        held, references = self.rows[table.name], self.references[table.name]
        keys = _foreign_keys(table)
        for row_id, row, *pointed_at in fetched:
            held[row_id] = row
            for key, value in zip(keys, pointed_at, strict=True):
                if value is not None:
                    references[key].add(value)

    def _blob(self, value: bytes | None) -> int | None:
        """The number the row carries instead of the bytes."""
        if value is None:
            return None
        self.blobs.append(value)
        return len(self.blobs) - 1

    def decoded(self, table_name: str) -> list[dict[str, Any]]:
        """The rows of one table as values (for the few a page must look into; bytes values
        are their blobs' numbers)."""
        names = column_names(synced_tables()[table_name])
        return [
            dict(zip(names, json.loads(row), strict=True))
            for row in self.rows.get(table_name, {}).values()
        ]

    def body(
        self,
        cursor: int,
        more: bool,
        leaving: list[uuid.UUID],
        whole_cases_at: int | None = None,
    ) -> bytes:
        """The page's JSON, in the shape of hoclient.server.protocol.PullResponse."""
        tables = b",".join(
            b'"%s":{"columns":%s,"values":[%s]}'
            % (name.encode(), _names_json(name), b",".join(rows.values()))
            for name, rows in self.rows.items()
            if rows
        )
        header: dict[str, object] = {
            "cursor": cursor,
            "more": more,
            "leaving": [str(case_id) for case_id in leaving],
        }
        if whole_cases_at is not None:
            header["whole_cases_at"] = whole_cases_at
        if self.blobs:
            header["blobs"] = [len(blob) for blob in self.blobs]
        tail = json.dumps(header, separators=(",", ":"))
        page = b'{"rows":{%s},%s' % (tables, tail[1:].encode())
        if not self.blobs:
            return page
        # The JSON's length on a line of its own, the JSON, then the blobs back to back.
        return b"".join([b"%d\n" % len(page), page, *self.blobs])


def _json_cursor(driver: psycopg.Connection[Any]) -> psycopg.Cursor[Any]:
    """psycopg's own cursor, in the caller's transaction, giving each row's JSON as the bytes
    PostgreSQL sent: decoding it to text and encoding it again for the answer was paid on every
    row (half a second when letters still travelled inside the JSON)."""
    cursor = driver.cursor()
    cursor.adapters.register_loader("json", _JsonAsBytes)
    return cursor


class _JsonAsBytes(Loader):
    def load(self, data: Buffer) -> bytes:
        return bytes(data)


@cache
def column_names(table: sa.Table) -> tuple[str, ...]:
    """The order of a row's values on the wire: the table's own column order."""
    return tuple(column.name for column in table.columns)


@cache
def _bytes_columns(table: sa.Table) -> tuple[str, ...]:
    return tuple(c.name for c in table.columns if isinstance(c.type, sa.LargeBinary))


@cache
def _names_json(table_name: str) -> bytes:
    return json.dumps(column_names(synced_tables()[table_name])).encode()


@cache
def _foreign_keys(table: sa.Table) -> list[str]:
    """The columns of `table` that point at another synced table's rows."""
    tables = synced_tables()
    return sorted(
        {
            foreign_key.parent.name
            for foreign_key in table.foreign_keys
            if foreign_key.column.table.name in tables
        }
    )


def _postgresql_json(column: sa.Column[Any]) -> str:
    """The column in the codec's JSON form, for json_build_array (sync_codec.encode_row)."""
    name = f'"{column.name}"'
    kind = column.type
    if isinstance(kind, UtcDateTime):
        return (
            f"to_char({name} AT TIME ZONE 'UTC', "
            f'\'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"\') AS {name}'
        )
    if isinstance(kind, sa.LargeBinary):
        # Bytes travel after the JSON as numbered blobs; their tables are encoded in Python.
        raise TypeError(f"{column.table.name}.{column.name}: bytes are not written as JSON")
    if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Integer | sa.Float):
        return f"{name}::text AS {name}"
    if isinstance(kind, sa.DateTime | sa.Time | sa.Interval | sa.JSON):
        raise TypeError(f"{column.table.name}.{column.name}: sync has no JSON form for it")
    return name


@cache
def _postgresql_query(table: sa.Table, column: str | None) -> str:
    columns = ", ".join(_postgresql_json(c) for c in table.columns)
    where = f' WHERE "{column}" = ANY(%(ids)s::uuid[])' if column else ""
    keys = "".join(f', r."{key}"::text' for key in _foreign_keys(table))
    # json_build_array takes at most 100 arguments; the widest synced table has 25 columns.
    values = ", ".join(f'r."{name}"' for name in column_names(table))
    return (
        f"SELECT r.id::text, json_build_array({values}){keys} "
        f'FROM (SELECT {columns} FROM "{table.name}"{where}) AS r'
    )
