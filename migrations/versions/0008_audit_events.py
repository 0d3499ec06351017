"""The audit trail: one append-only table, and a trigger that refuses any UPDATE of it.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hoclient.models.types as types

revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = "audit_event is append-only: an audit event is never changed"


def upgrade() -> None:
    # case_id and person_id are not foreign keys: an event outlives the rows it speaks of.
    op.create_table(
        "audit_event",
        sa.Column("officer_id", sa.Uuid(), nullable=True),
        sa.Column("happened_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("detail", sa.String(length=400), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_event_case_happened", ["case_id", "happened_at"], unique=False
        )
        batch_op.create_index("ix_audit_event_happened_at", ["happened_at"], unique=False)
        batch_op.create_index(
            "ix_audit_event_officer_happened", ["officer_id", "happened_at"], unique=False
        )
        batch_op.create_index(
            "ix_audit_event_person_happened", ["person_id", "happened_at"], unique=False
        )
    # The ORM refuses a change to an append-only row (hoclient.models.change_capture); the
    # database refuses one made any other way, on the laptop and at the centre alike.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_event_refuse_update() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_update()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_event "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )


def downgrade() -> None:
    op.execute(
        "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event"
        if op.get_bind().dialect.name == "postgresql"
        else "DROP TRIGGER IF EXISTS audit_event_append_only"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_event_refuse_update()")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_person_happened")
        batch_op.drop_index("ix_audit_event_officer_happened")
        batch_op.drop_index("ix_audit_event_happened_at")
        batch_op.drop_index("ix_audit_event_case_happened")
    op.drop_table("audit_event")
