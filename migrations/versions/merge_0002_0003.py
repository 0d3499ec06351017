"""one head again: duty decisions (0002) and sync (0003) were written side by side, each
revising 0001; this merge point joins them, so `upgrade head` has one head to reach. It changes
no table. Making the history linear instead (0003 revising 0002) would make it unnecessary.

Revision ID: merge_0002_0003
Revises: 0002, 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

revision: str = "merge_0002_0003"
down_revision: str | tuple[str, ...] | None = ("0002", "0003")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: both branches have made their tables."""


def downgrade() -> None:
    """Nothing to undo: each branch's own downgrade removes its tables."""
