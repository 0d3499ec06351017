"""Issued letters: the exact PDF given to the applicant, its SHA-256 and how it was sent
(append-only, synced with its case).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hoclient.models.types as types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "issued_letter",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind_id", sa.String(length=60), nullable=False),
        sa.Column("decision_id", sa.Uuid(), nullable=True),
        sa.Column("template_version", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("large_print", sa.Boolean(), nullable=False),
        sa.Column("issued_by", sa.Uuid(), nullable=False),
        sa.Column("issued_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "delivery",
            sa.Enum(
                "HANDED_OVER",
                "POSTED",
                "EMAILED",
                name="letterdelivery",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["housing_case.id"], name=op.f("fk_issued_letter_case_id_housing_case")
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["duty_decision.id"],
            name=op.f("fk_issued_letter_decision_id_duty_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["officer.id"], name=op.f("fk_issued_letter_issued_by_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_letter")),
    )
    with op.batch_alter_table("issued_letter", schema=None) as batch_op:
        batch_op.create_index(
            "ix_issued_letter_case_issued", ["case_id", "issued_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("issued_letter", schema=None) as batch_op:
        batch_op.drop_index("ix_issued_letter_case_issued")

    op.drop_table("issued_letter")
