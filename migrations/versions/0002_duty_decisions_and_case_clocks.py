"""duty decisions and their authorisations (append-only, synced); each case's derived clocks
(this laptop's own, rebuilt from the decisions)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hoclient.models.types as types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_clock_replay",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("replayed_from", sa.Date(), nullable=False),
        sa.Column("replayed_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["housing_case.id"], name=op.f("fk_case_clock_replay_case_id_housing_case")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_clock_replay")),
    )
    op.create_table(
        "duty_decision",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("what", sa.String(length=40), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=True),
        sa.Column("legal_basis", sa.String(length=60), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=False),
        sa.Column("needs_authorisation", sa.Boolean(), nullable=False),
        sa.Column("corrects_decision_id", sa.Uuid(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.Column("reason", sa.String(length=60), nullable=True),
        sa.Column("priority_need", sa.Boolean(), nullable=True),
        sa.Column("intentional", sa.Boolean(), nullable=True),
        sa.Column("notice_kind", sa.String(length=20), nullable=True),
        sa.Column("notice_expires_on", sa.Date(), nullable=True),
        sa.Column("refers_to_decision_id", sa.Uuid(), nullable=True),
        sa.Column("reviewer", sa.String(length=40), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("placement", sa.String(length=40), nullable=True),
        sa.Column("placement_kind", sa.String(length=40), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["housing_case.id"], name=op.f("fk_duty_decision_case_id_housing_case")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_decision_id"],
            ["duty_decision.id"],
            name=op.f("fk_duty_decision_corrects_decision_id_duty_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["officer.id"], name=op.f("fk_duty_decision_decided_by_officer")
        ),
        sa.ForeignKeyConstraint(
            ["refers_to_decision_id"],
            ["duty_decision.id"],
            name=op.f("fk_duty_decision_refers_to_decision_id_duty_decision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_decision")),
    )
    with op.batch_alter_table("duty_decision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_duty_decision_case_decided", ["case_id", "decided_on"], unique=False
        )

    op.create_table(
        "case_clock",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("basis", sa.String(length=60), nullable=False),
        sa.Column("decision_id", sa.Uuid(), nullable=False),
        sa.Column("shown_from", sa.Date(), nullable=False),
        sa.Column("shown_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["housing_case.id"], name=op.f("fk_case_clock_case_id_housing_case")
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["duty_decision.id"],
            name=op.f("fk_case_clock_decision_id_duty_decision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_clock")),
    )
    with op.batch_alter_table("case_clock", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_clock_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_case_clock_due_on", ["due_on"], unique=False)

    op.create_table(
        "decision_authorisation",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("decision_id", sa.Uuid(), nullable=False),
        sa.Column("authorised_by", sa.Uuid(), nullable=False),
        sa.Column("authorised_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["authorised_by"],
            ["officer.id"],
            name=op.f("fk_decision_authorisation_authorised_by_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["housing_case.id"],
            name=op.f("fk_decision_authorisation_case_id_housing_case"),
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["duty_decision.id"],
            name=op.f("fk_decision_authorisation_decision_id_duty_decision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_authorisation")),
        sa.UniqueConstraint("decision_id", name=op.f("uq_decision_authorisation_decision_id")),
    )
    with op.batch_alter_table("decision_authorisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_authorisation_case_id"), ["case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("decision_authorisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_authorisation_case_id"))

    op.drop_table("decision_authorisation")
    with op.batch_alter_table("case_clock", schema=None) as batch_op:
        batch_op.drop_index("ix_case_clock_due_on")
        batch_op.drop_index(batch_op.f("ix_case_clock_case_id"))

    op.drop_table("case_clock")
    with op.batch_alter_table("duty_decision", schema=None) as batch_op:
        batch_op.drop_index("ix_duty_decision_case_decided")

    op.drop_table("duty_decision")
    op.drop_table("case_clock_replay")
