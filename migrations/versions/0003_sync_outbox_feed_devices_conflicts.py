"""sync: the laptop's outbox and row versions; the centre's change log, feed, devices and
credentials and visit marks; conflicts (a synced row)

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-25 18:59:07.799348
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hoclient.models.types as types

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_change",
        sa.Column("change_id", sa.Uuid(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("officer_id", sa.Uuid(), nullable=True),
        sa.Column("changed_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("received_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("applied_fields", sa.Text(), nullable=False),
        sa.Column("resulting_version", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("change_id", name=op.f("pk_sync_change")),
    )
    with op.batch_alter_table("sync_change", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sync_change_row", ["table_name", "row_id", "resulting_version"], unique=False
        )

    op.create_table(
        "sync_feed",
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_feed")),
        sa.UniqueConstraint("seq", name=op.f("uq_sync_feed_seq")),
    )
    with op.batch_alter_table("sync_feed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_feed_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_feed_person_id"), ["person_id"], unique=False)

    op.create_table(
        "sync_outbox",
        sa.Column("position", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("change_id", sa.Uuid(), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("changed_by", sa.Uuid(), nullable=True),
        sa.Column("changed_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("change_id", name=op.f("uq_sync_outbox_change_id")),
    )
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_outbox_row_id"), ["row_id"], unique=False)

    op.create_table(
        "sync_row_state",
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_sync_row_state")),
    )
    op.create_table(
        "officer_credential",
        sa.Column("officer_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("updated_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_officer_credential_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("officer_id", name=op.f("pk_officer_credential")),
        sa.UniqueConstraint("username", name=op.f("uq_officer_credential_username")),
    )
    op.create_table(
        "sync_device",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("officer_id", sa.Uuid(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_sync_device_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_device")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_sync_device_token_sha256")),
    )
    with op.batch_alter_table("sync_device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_device_officer_id"), ["officer_id"], unique=False)

    op.create_table(
        "case_visit",
        sa.Column("officer_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("marked_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["housing_case.id"], name=op.f("fk_case_visit_case_id_housing_case")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_case_visit_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("officer_id", "case_id", name=op.f("pk_case_visit")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("field_name", sa.String(length=60), nullable=False),
        sa.Column("mine_value", sa.Text(), nullable=False),
        sa.Column("mine_by", sa.Uuid(), nullable=True),
        sa.Column("mine_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("theirs_value", sa.Text(), nullable=False),
        sa.Column("theirs_by", sa.Uuid(), nullable=True),
        sa.Column("theirs_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["housing_case.id"], name=op.f("fk_sync_conflict_case_id_housing_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflict_row_id"), ["row_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_row_id"))
        batch_op.drop_index(batch_op.f("ix_sync_conflict_case_id"))

    op.drop_table("sync_conflict")
    op.drop_table("case_visit")
    with op.batch_alter_table("sync_device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_device_officer_id"))

    op.drop_table("sync_device")
    op.drop_table("officer_credential")
    op.drop_table("sync_row_state")
    with op.batch_alter_table("sync_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_outbox_row_id"))

    op.drop_table("sync_outbox")
    with op.batch_alter_table("sync_feed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_feed_person_id"))
        batch_op.drop_index(batch_op.f("ix_sync_feed_case_id"))

    op.drop_table("sync_feed")
    with op.batch_alter_table("sync_change", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_change_row")

    op.drop_table("sync_change")
