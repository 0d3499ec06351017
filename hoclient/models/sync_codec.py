"""Which tables sync, and how their values travel as JSON.

Used by change capture (this package), the laptop's sync engine and the central service alike,
so a value means the same on both ends: UUIDs and dates as ISO text, enums by member NAME
(as the database stores them), bytes as base64.
"""

import base64
import enum
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

import sqlalchemy as sa

from hoclient.models.audit_event import AUDIT_TABLE
from hoclient.models.base import AppendOnlyRow, Base, SyncedRow
from hoclient.models.types import UtcDateTime

JsonValue = None | bool | int | float | str

# Tables a laptop sends and never receives: its own audit trail goes to the centre, and no
# laptop holds anyone else's (a lost laptop gives away no more of the trail than it wrote).
PUSH_ONLY_TABLES = frozenset({AUDIT_TABLE})

# Columns sync maintains itself: never compared in a merge, never a conflict.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "updated_by", "version"})


@cache
def synced_tables() -> dict[str, sa.Table]:
    """Every synced table by name, parents before children (the order inserts must take)."""
    synced = {
        mapper.persist_selectable.name
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, SyncedRow | AppendOnlyRow)
        and isinstance(mapper.persist_selectable, sa.Table)
    }
    return {table.name: table for table in Base.metadata.sorted_tables if table.name in synced}


@cache
def table_of(model: type[Base]) -> sa.Table:
    """A model's Table, typed as one (`__table__` is typed as any FromClause)."""
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


@cache
def append_only_tables() -> frozenset[str]:
    return frozenset(
        mapper.persist_selectable.name
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, AppendOnlyRow)
        and isinstance(mapper.persist_selectable, sa.Table)
    )


def encode(value: Any) -> JsonValue:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"sync cannot carry a {type(value).__name__}")


def decode(column: sa.Column[Any], value: JsonValue) -> Any:
    """The Python value for `column` of a JSON value made by `encode`. ValueError if it is not
    one (bad input from a device is refused, not stored)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, UtcDateTime):
        parsed = datetime.fromisoformat(_text(value))
        if parsed.tzinfo is None:
            raise ValueError(f"{column.name}: an instant needs its UTC offset")
        return parsed
    if isinstance(kind, sa.Uuid):
        return uuid.UUID(_text(value))
    if isinstance(kind, sa.Enum):
        enum_class = kind.enum_class
        if enum_class is None:
            return _text(value)
        try:
            return enum_class[_text(value)]
        except KeyError:
            raise ValueError(f"{column.name}: {value!r} is not one of its values") from None
    if isinstance(kind, sa.Date):
        return date.fromisoformat(_text(value))
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{column.name}: expected true or false")
        return value
    if isinstance(kind, sa.Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{column.name}: expected a whole number")
        return value
    if isinstance(kind, sa.Numeric):
        return Decimal(_text(value))
    if isinstance(kind, sa.LargeBinary):
        return base64.b64decode(_text(value))
    text = _text(value)
    length = getattr(kind, "length", None)
    if length is not None and len(text) > length:
        raise ValueError(f"{column.name}: longer than {length} characters")
    return text


def decode_fields(table: sa.Table, fields: Mapping[str, JsonValue]) -> dict[str, Any]:
    """Column name -> Python value; ValueError naming the first unknown column or bad value."""
    decoded = {}
    columns, plain = _columns(table), _plain_text(table)
    for name, value in fields.items():
        column = columns.get(name)
        if column is None:
            raise ValueError(f"{table.name} has no column {name!r}")
        if type(value) is str and name in plain:
            # The common case, decoded without the type dispatch (30k rows in a first sync).
            length = plain[name]
            if length is not None and len(value) > length:
                raise ValueError(f"{name}: longer than {length} characters")
            decoded[name] = value
        else:
            decoded[name] = decode(column, value)
    return decoded


@cache
def _columns(table: sa.Table) -> dict[str, sa.Column[Any]]:
    return {column.name: column for column in table.columns}


@cache
def _plain_text(table: sa.Table) -> dict[str, int | None]:
    """Columns whose JSON text is already their value (String and Text, not enums), with their
    length limits."""
    return {
        column.name: column.type.length
        for column in table.columns
        if isinstance(column.type, sa.String) and not isinstance(column.type, sa.Enum)
    }


def encode_row(table: sa.Table, row: Mapping[Any, Any]) -> dict[str, JsonValue]:
    return {
        name: None if (value := row[name]) is None else encoder(value)
        for name, encoder in _encoders(table)
    }


def _same(value: Any) -> JsonValue:
    return value  # type: ignore[no-any-return]


def _iso(value: date) -> str:
    return value.isoformat()


def _instant(value: datetime) -> str:
    # Always UTC and always to the microsecond: one fixed form a laptop's store can take as
    # text without parsing it (hoclient.sync.page_apply).
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _name(value: enum.Enum) -> str:
    return value.name


@cache
def _encoders(table: sa.Table) -> list[tuple[str, Any]]:
    """Each column's encoder, chosen once by its type: a first sync encodes a million values,
    and `encode`'s chain of isinstance tests cost more than the values' own conversion."""
    chosen: list[tuple[str, Any]] = []
    for column in table.columns:
        kind = column.type
        encoder: Any = encode
        if isinstance(kind, sa.Uuid):
            encoder = str
        elif isinstance(kind, UtcDateTime):
            encoder = _instant
        elif isinstance(kind, sa.Date | sa.DateTime):
            encoder = _iso
        elif isinstance(kind, sa.Enum) and kind.enum_class is not None:
            encoder = _name
        elif isinstance(kind, sa.String | sa.Integer | sa.Boolean) and not isinstance(
            kind, sa.Enum
        ):
            encoder = _same
        chosen.append((column.name, encoder))
    return chosen


def _text(value: JsonValue) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value
