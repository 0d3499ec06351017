"""The centre's own secrets, first the council's case-bundle key (DESIGN.md, Sync: an
encrypted case bundle).

Revision ID: 0011_bundle_key
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hoclient.models.types as types

revision: str = "0011_bundle_key"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "central_secret",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_central_secret")),
    )


def downgrade() -> None:
    op.drop_table("central_secret")
