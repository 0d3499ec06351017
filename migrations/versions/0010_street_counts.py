"""Street counts: counts, areas, teams, volunteers, append-only entries, the centre's
possible-duplicate flags and outreach referrals (issue 8).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hoclient.models.types as types

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "street_count",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("ANNUAL_SNAPSHOT", "MONTHLY", name="countkind", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column(
            "method",
            sa.Enum("COUNT_BASED", "SPOTLIGHT", name="countmethod", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("night_of", sa.Date(), nullable=False),
        sa.Column("starts_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("independent_partner", sa.String(length=200), nullable=True),
        sa.Column("coordinator_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["coordinator_id"], ["officer.id"], name=op.f("fk_street_count_coordinator_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_count")),
    )
    op.create_table(
        "street_count_area",
        sa.Column("street_count_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("route", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["street_count_id"],
            ["street_count.id"],
            name=op.f("fk_street_count_area_street_count_id_street_count"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_count_area")),
    )
    with op.batch_alter_table("street_count_area", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_street_count_area_street_count_id"), ["street_count_id"], unique=False
        )

    op.create_table(
        "street_count_team",
        sa.Column("street_count_id", sa.Uuid(), nullable=False),
        sa.Column("area_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["area_id"],
            ["street_count_area.id"],
            name=op.f("fk_street_count_team_area_id_street_count_area"),
        ),
        sa.ForeignKeyConstraint(
            ["street_count_id"],
            ["street_count.id"],
            name=op.f("fk_street_count_team_street_count_id_street_count"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_count_team")),
    )
    with op.batch_alter_table("street_count_team", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_street_count_team_street_count_id"), ["street_count_id"], unique=False
        )

    op.create_table(
        "street_count_entry",
        sa.Column("street_count_id", sa.Uuid(), nullable=False),
        sa.Column("area_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("sighting_id", sa.Uuid(), nullable=False),
        sa.Column("corrects_entry_id", sa.Uuid(), nullable=True),
        sa.Column("seen_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("landmark", sa.String(length=200), nullable=False),
        sa.Column("grid_reference", sa.String(length=40), nullable=False),
        sa.Column(
            "site_type",
            sa.Enum(
                "DOORWAY",
                "TENT",
                "PARK",
                "BUS_SHELTER",
                "ENCAMPMENT",
                "STAIRWELL",
                "CAR_PARK",
                "CAR",
                "BOAT",
                "STATION",
                "SHED_OR_BARN",
                "OTHER",
                name="sitetype",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "BEDDED_DOWN",
                "ABOUT_TO_BED_DOWN",
                "ASLEEP",
                "NOT_BEDDED_DOWN",
                name="sleepingstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "sex",
            sa.Enum("FEMALE", "MALE", "NOT_KNOWN", name="sex", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column(
            "age_band",
            sa.Enum(
                "UNDER_18",
                "AGED_18_TO_25",
                "AGED_26_AND_OVER",
                "NOT_KNOWN",
                name="ageband",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "nationality_band",
            sa.Enum(
                "UK",
                "EU_NON_UK",
                "NON_EU",
                "NOT_KNOWN",
                name="nationalityband",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "outreach_consent",
            sa.Enum("YES", "NO", "NOT_ASKED", name="outreachconsent", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("concern", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_id"],
            ["street_count_area.id"],
            name=op.f("fk_street_count_entry_area_id_street_count_area"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["officer.id"], name=op.f("fk_street_count_entry_author_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_entry_id"],
            ["street_count_entry.id"],
            name=op.f("fk_street_count_entry_corrects_entry_id_street_count_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["street_count_id"],
            ["street_count.id"],
            name=op.f("fk_street_count_entry_street_count_id_street_count"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["street_count_team.id"],
            name=op.f("fk_street_count_entry_team_id_street_count_team"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_count_entry")),
    )
    with op.batch_alter_table("street_count_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_street_count_entry_count_seen", ["street_count_id", "seen_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_street_count_entry_sighting_id"), ["sighting_id"], unique=False
        )

    op.create_table(
        "street_count_volunteer",
        sa.Column("street_count_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("officer_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officer.id"],
            name=op.f("fk_street_count_volunteer_officer_id_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["street_count_id"],
            ["street_count.id"],
            name=op.f("fk_street_count_volunteer_street_count_id_street_count"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["street_count_team.id"],
            name=op.f("fk_street_count_volunteer_team_id_street_count_team"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_count_volunteer")),
    )
    with op.batch_alter_table("street_count_volunteer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_street_count_volunteer_officer", ["officer_id", "street_count_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_street_count_volunteer_street_count_id"),
            ["street_count_id"],
            unique=False,
        )

    op.create_table(
        "street_count_duplicate",
        sa.Column("street_count_id", sa.Uuid(), nullable=False),
        sa.Column("sighting_id", sa.Uuid(), nullable=False),
        sa.Column("other_sighting_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("other_entry_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "verdict",
            sa.Enum(
                "SAME_PERSON",
                "DIFFERENT_PEOPLE",
                name="duplicateverdict",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("settled_by", sa.Uuid(), nullable=True),
        sa.Column("settled_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["street_count_entry.id"],
            name=op.f("fk_street_count_duplicate_entry_id_street_count_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["other_entry_id"],
            ["street_count_entry.id"],
            name=op.f("fk_street_count_duplicate_other_entry_id_street_count_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["settled_by"],
            ["officer.id"],
            name=op.f("fk_street_count_duplicate_settled_by_officer"),
        ),
        sa.ForeignKeyConstraint(
            ["street_count_id"],
            ["street_count.id"],
            name=op.f("fk_street_count_duplicate_street_count_id_street_count"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_count_duplicate")),
    )
    with op.batch_alter_table("street_count_duplicate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_street_count_duplicate_street_count_id"),
            ["street_count_id"],
            unique=False,
        )

    op.create_table(
        "street_count_referral",
        sa.Column("street_count_id", sa.Uuid(), nullable=False),
        sa.Column("sighting_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("referred_case_id", sa.Uuid(), nullable=False),
        sa.Column("case_reference", sa.String(length=40), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["officer.id"], name=op.f("fk_street_count_referral_author_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["street_count_entry.id"],
            name=op.f("fk_street_count_referral_entry_id_street_count_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["street_count_id"],
            ["street_count.id"],
            name=op.f("fk_street_count_referral_street_count_id_street_count"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_count_referral")),
    )
    with op.batch_alter_table("street_count_referral", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_street_count_referral_sighting_id"), ["sighting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_street_count_referral_street_count_id"),
            ["street_count_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("street_count_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_street_count_referral_street_count_id"))
        batch_op.drop_index(batch_op.f("ix_street_count_referral_sighting_id"))

    op.drop_table("street_count_referral")
    with op.batch_alter_table("street_count_duplicate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_street_count_duplicate_street_count_id"))

    op.drop_table("street_count_duplicate")
    with op.batch_alter_table("street_count_volunteer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_street_count_volunteer_street_count_id"))
        batch_op.drop_index("ix_street_count_volunteer_officer")

    op.drop_table("street_count_volunteer")
    with op.batch_alter_table("street_count_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_street_count_entry_sighting_id"))
        batch_op.drop_index("ix_street_count_entry_count_seen")

    op.drop_table("street_count_entry")
    with op.batch_alter_table("street_count_team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_street_count_team_street_count_id"))

    op.drop_table("street_count_team")
    with op.batch_alter_table("street_count_area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_street_count_area_street_count_id"))

    op.drop_table("street_count_area")
    op.drop_table("street_count")
