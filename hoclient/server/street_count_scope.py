"""Street count rows in sync: who may change them, and what a volunteer's device receives.

A volunteer's device holds the rows of the counts its volunteer is on (the count, its areas,
teams, volunteers and entries) and the officer and team rows those name: no casework, no
persons, no other reference data, not even the centre's duplicate flags or outreach referrals.
Every other device receives street count rows as reference data.
"""

import uuid
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Select, and_, or_, select

from hoclient.models import StreetCountVolunteer
from hoclient.models.sync_codec import synced_tables, table_of
from hoclient.vocabulary import Role

_volunteer = table_of(StreetCountVolunteer)
# What a count's volunteers hold, parents first.
VOLUNTEER_TABLES = (
    "street_count",
    "street_count_area",
    "street_count_team",
    "street_count_volunteer",
    "street_count_entry",
)
SET_UP_TABLES = frozenset(
    {"street_count", "street_count_area", "street_count_team", "street_count_volunteer"}
)
STREET_COUNT_TABLES = SET_UP_TABLES | {
    "street_count_entry",
    "street_count_duplicate",
    "street_count_referral",
}


def count_column(table: sa.Table) -> sa.ColumnElement[uuid.UUID]:
    return table.c.id if table.name == "street_count" else table.c.street_count_id


def count_of(table: sa.Table, row: Mapping[str, Any]) -> uuid.UUID | None:
    value = row.get("id") if table.name == "street_count" else row.get("street_count_id")
    return value if isinstance(value, uuid.UUID) else None


def counts_of_volunteer(officer_id: uuid.UUID) -> Select[tuple[uuid.UUID]]:
    """The counts an officer is on a team of."""
    return select(_volunteer.c.street_count_id).where(
        _volunteer.c.officer_id == officer_id, _volunteer.c.deleted_at.is_(None)
    )


def volunteer_feed_filter(
    table_column: sa.ColumnElement[str],
    row_column: sa.ColumnElement[uuid.UUID],
    officer_id: uuid.UUID,
) -> sa.ColumnElement[bool]:
    """For the pull feed of a volunteer's device: its own officer row and the rows of its
    counts, nothing else."""
    counts = counts_of_volunteer(officer_id)
    tables = synced_tables()
    return or_(
        and_(table_column == "officer", row_column == officer_id),  # their own account
        *(
            and_(
                table_column == name,
                row_column.in_(
                    select(tables[name].c.id).where(count_column(tables[name]).in_(counts))
                ),
            )
            for name in VOLUNTEER_TABLES
        ),
    )


def street_count_refusal(
    connection: Connection,
    officer_id: uuid.UUID,
    role: Role,
    table: sa.Table,
    row: Mapping[str, Any],
) -> str:
    """Why this device may not insert or change this street count row; "" when it may. The
    role's own limits (set-up for a senior officer, entries for those who record counts) are
    checked before this, by table (hoclient.server.permissions); here, what depends on who
    the volunteer is."""
    if table.name != "street_count_entry" or role is not Role.VOLUNTEER:
        return ""
    if row.get("author_id") != officer_id:
        return "A volunteer records their own entries only."
    count_id = count_of(table, row)
    on_count = connection.scalar(
        counts_of_volunteer(officer_id).where(_volunteer.c.street_count_id == count_id)
    )
    if on_count is None:
        return "This volunteer is not on that count's teams."
    return ""
