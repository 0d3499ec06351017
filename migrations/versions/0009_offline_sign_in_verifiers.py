"""Offline sign-in: each enrolled officer's argon2id verifier and failed attempts (local only).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hoclient.models.types as types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "offline_sign_in",
        sa.Column("officer_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=120), nullable=False),
        sa.Column("verifier", sa.Text(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", types.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("officer_id", name=op.f("pk_offline_sign_in")),
        sa.UniqueConstraint("username", name=op.f("uq_offline_sign_in_username")),
    )


def downgrade() -> None:
    op.drop_table("offline_sign_in")
