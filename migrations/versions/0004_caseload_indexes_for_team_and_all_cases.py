"""Caseload indexes: my team's cases and all cases, newest first, without sorting every case.

Revision ID: 0004
Revises: merge_0002_0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "merge_0002_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("housing_case", schema=None) as batch_op:
        batch_op.create_index(
            "ix_housing_case_status_approached", ["status", "approached_on"], unique=False
        )
        batch_op.create_index(
            "ix_housing_case_team_status_approached",
            ["team_id", "status", "approached_on"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("housing_case", schema=None) as batch_op:
        batch_op.drop_index("ix_housing_case_team_status_approached")
        batch_op.drop_index("ix_housing_case_status_approached")
