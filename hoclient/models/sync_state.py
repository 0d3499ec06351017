"""What sync keeps, on the laptop and at the centre (DESIGN.md, Sync).

One Alembic history builds both ends, so every table exists on both; each is written by one
end only, as its docstring says. None of these is captured into the outbox (only SyncedRow and
AppendOnlyRow are), except `sync_conflict`, which is a synced row: a conflict found by the
centre reaches every laptop holding the case, and its resolution syncs back like any edit.
"""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import Base, SyncedRow
from hoclient.models.types import utc_now


class SyncOutbox(Base):
    """Laptop: one local change not yet accepted by the centre, written in the change's own
    transaction. `position` orders the changes as they were made."""

    __tablename__ = "sync_outbox"

    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[uuid.UUID] = mapped_column(index=True)
    operation: Mapped[str] = mapped_column(String(10))  # "insert" or "update"
    fields: Mapped[str] = mapped_column(Text)  # JSON: column -> new value (sync codec)
    # The centre's version of the row this change was made against; None for an insert.
    base_version: Mapped[int | None]
    changed_by: Mapped[uuid.UUID | None]
    changed_at: Mapped[datetime]


class SyncRowState(Base):
    """Laptop: the centre's version of each row as last received. A change's base version
    comes from here (local edits bump the row's own `version`, which the centre never saw)."""

    __tablename__ = "sync_row_state"

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    server_version: Mapped[int]


class SyncChange(Base):
    """Centre: every change a device pushed, kept so a retry is recognised by its id (and a
    different change under a used id refused), and so a merge knows which fields others
    changed since a laptop's base version."""

    __tablename__ = "sync_change"
    __table_args__ = (Index("ix_sync_change_row", "table_name", "row_id", "resulting_version"),)

    change_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[uuid.UUID]
    device_id: Mapped[uuid.UUID | None]  # None: a change made at the centre (an admin command)
    officer_id: Mapped[uuid.UUID | None]
    changed_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utc_now)
    outcome: Mapped[str] = mapped_column(String(20))  # applied, conflict, refused
    applied_fields: Mapped[str] = mapped_column(Text)  # JSON list of column names applied
    resulting_version: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(Text)


class SyncFeed(Base):
    """Centre: each synced row's place in the pull feed. A row moves to a new, higher `seq`
    each time it changes; sequence numbers are given under one lock and commit in order, so
    a reader that has seen `seq` N has seen every row at or below N."""

    __tablename__ = "sync_feed"

    table_name: Mapped[str] = mapped_column(String(60), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    # Scope: a case-bound row names its case; a person-bound row its person; reference data
    # names neither and goes to every device.
    case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(index=True)


class SyncDevice(Base):
    """Centre: an enrolled laptop. Only a hash of its token is kept."""

    __tablename__ = "sync_device"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(default=utc_now)
    revoked_at: Mapped[datetime | None]


class OfficerCredential(Base):
    """Centre: an officer's sign-in. Never synced to a laptop."""

    __tablename__ = "officer_credential"

    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"), primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, with its own salt
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class CaseVisit(Base):
    """Centre: a case an officer marked for a visit. It is in the officer's devices' scope,
    whatever its team, until the mark is taken off."""

    __tablename__ = "case_visit"

    officer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"), primary_key=True)
    marked_at: Mapped[datetime] = mapped_column(default=utc_now)


class SyncConflict(SyncedRow):
    """The same field changed on two sides to different values (or a tombstone met an edit).
    The centre's value stands until a person chooses; both values are kept, with who and when.
    Values are JSON in the sync codec's form."""

    __tablename__ = "sync_conflict"

    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("housing_case.id"), index=True)
    # For a person's own rows, which belong to no one case: who holds the person holds this.
    person_id: Mapped[uuid.UUID | None]
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[uuid.UUID] = mapped_column(index=True)
    field_name: Mapped[str] = mapped_column(String(60))
    mine_value: Mapped[str] = mapped_column(Text)  # what the device sent
    mine_by: Mapped[uuid.UUID | None]
    mine_at: Mapped[datetime]
    theirs_value: Mapped[str] = mapped_column(Text)  # what the centre held, and kept
    theirs_by: Mapped[uuid.UUID | None]
    theirs_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(20))
