"""The declarative base and the columns every synced row carries (DESIGN.md, Data)."""

import enum
import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from hoclient.models.types import UtcDateTime, utc_now

# Named constraints let batch migrations drop them on SQLite (Alembic naming.rst).
CONSTRAINT_NAMES = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=CONSTRAINT_NAMES)
    type_annotation_map = {
        datetime: UtcDateTime(),
        # VARCHAR on every database: no PostgreSQL CREATE TYPE to migrate when a list grows.
        enum.Enum: sa.Enum(enum.Enum, native_enum=False, length=40, validate_strings=True),
    }


class SyncedRow(Base):
    """UUID made on the laptop, stamps, optimistic version, and a tombstone instead of DELETE."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    updated_by: Mapped[uuid.UUID | None]
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805  (a class-level directive)
        # The ORM bumps `version` on each UPDATE and raises StaleDataError on a lost update.
        return {"version_id_col": cls.__table__.c.version}


class AppendOnlyRow(Base):
    """Rows never changed after insert (notes, audit, letters, ledger): no version, no tombstone."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
