"""Assessments (s189A(2)) and Personal Housing Plans (s189A(4)-(8)), kept as append-only
versions: a reviewed assessment or a changed plan is a new row, the old ones stay readable.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hoclient.models.types as types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assessment",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("revises_id", sa.Uuid(), nullable=True),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessed_by", sa.Uuid(), nullable=False),
        sa.Column("circumstances", sa.Text(), nullable=False),
        sa.Column("reason_for_loss", sa.String(length=60), nullable=False),
        sa.Column("housing_needs", sa.Text(), nullable=False),
        sa.Column("suitable_accommodation", sa.Text(), nullable=False),
        sa.Column("support_needs", sa.Text(), nullable=False),
        sa.Column("change_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessed_by"], ["officer.id"], name=op.f("fk_assessment_assessed_by_officer")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["housing_case.id"], name=op.f("fk_assessment_case_id_housing_case")
        ),
        sa.ForeignKeyConstraint(
            ["revises_id"], ["assessment.id"], name=op.f("fk_assessment_revises_id_assessment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index("ix_assessment_case_created", ["case_id", "created_at"], unique=False)

    op.create_table(
        "housing_plan_version",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("revises_id", sa.Uuid(), nullable=True),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("made_by", sa.Uuid(), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column(
            "agreement",
            sa.Enum(
                "NOT_YET_RECORDED",
                "AGREED",
                "NOT_AGREED",
                name="planagreement",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("not_agreed_because", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["housing_case.id"],
            name=op.f("fk_housing_plan_version_case_id_housing_case"),
        ),
        sa.ForeignKeyConstraint(
            ["made_by"], ["officer.id"], name=op.f("fk_housing_plan_version_made_by_officer")
        ),
        sa.ForeignKeyConstraint(
            ["revises_id"],
            ["housing_plan_version.id"],
            name=op.f("fk_housing_plan_version_revises_id_housing_plan_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_housing_plan_version")),
    )
    with op.batch_alter_table("housing_plan_version", schema=None) as batch_op:
        batch_op.create_index(
            "ix_housing_plan_version_case_created", ["case_id", "created_at"], unique=False
        )

    op.create_table(
        "assessment_support_need",
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("household_member_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessment.id"],
            name=op.f("fk_assessment_support_need_assessment_id_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["housing_case.id"],
            name=op.f("fk_assessment_support_need_case_id_housing_case"),
        ),
        sa.ForeignKeyConstraint(
            ["household_member_id"],
            ["household_member.id"],
            name=op.f("fk_assessment_support_need_household_member_id_household_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_support_need")),
    )
    with op.batch_alter_table("assessment_support_need", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_support_need_assessment_id"), ["assessment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assessment_support_need_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "housing_plan_notification",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("plan_version_id", sa.Uuid(), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=False),
        sa.Column("how", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["housing_case.id"],
            name=op.f("fk_housing_plan_notification_case_id_housing_case"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["housing_plan_version.id"],
            name=op.f("fk_housing_plan_notification_plan_version_id_housing_plan_version"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["officer.id"],
            name=op.f("fk_housing_plan_notification_recorded_by_officer"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_housing_plan_notification")),
    )
    with op.batch_alter_table("housing_plan_notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_housing_plan_notification_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "housing_plan_step",
        sa.Column("plan_version_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("step_key", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "APPLICANT_REQUIRED",
                "COUNCIL",
                "ADVISED",
                name="planstepkind",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "DONE",
                "NOT_DONE",
                "WITHDRAWN",
                name="planstepstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("library_id", sa.String(length=60), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["housing_case.id"], name=op.f("fk_housing_plan_step_case_id_housing_case")
        ),
        sa.ForeignKeyConstraint(
            ["plan_version_id"],
            ["housing_plan_version.id"],
            name=op.f("fk_housing_plan_step_plan_version_id_housing_plan_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_housing_plan_step")),
    )
    with op.batch_alter_table("housing_plan_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_housing_plan_step_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_housing_plan_step_plan_version_id"), ["plan_version_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("housing_plan_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_housing_plan_step_plan_version_id"))
        batch_op.drop_index(batch_op.f("ix_housing_plan_step_case_id"))

    op.drop_table("housing_plan_step")
    with op.batch_alter_table("housing_plan_notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_housing_plan_notification_case_id"))

    op.drop_table("housing_plan_notification")
    with op.batch_alter_table("assessment_support_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_support_need_case_id"))
        batch_op.drop_index(batch_op.f("ix_assessment_support_need_assessment_id"))

    op.drop_table("assessment_support_need")
    with op.batch_alter_table("housing_plan_version", schema=None) as batch_op:
        batch_op.drop_index("ix_housing_plan_version_case_created")

    op.drop_table("housing_plan_version")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index("ix_assessment_case_created")

    op.drop_table("assessment")
