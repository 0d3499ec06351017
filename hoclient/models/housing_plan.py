"""The Personalised Housing Plan (s189A(4)-(8)), versioned: never overwritten.

Every change (a step added or edited, a status changed, agreement recorded) writes a new
version that holds the whole plan: its agreement and a copy of every step. The rows are
append-only, so earlier versions stay exactly as the applicant was given them, and sync
carries a version as a whole with no field-by-field merge to go wrong. A step keeps one
`step_key` through the versions, so its history can be followed.
"""

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import AppendOnlyRow
from hoclient.vocabulary import PlanAgreement, PlanStepKind, PlanStepStatus


class PlanVersion(AppendOnlyRow):
    __tablename__ = "housing_plan_version"
    __table_args__ = (Index("ix_housing_plan_version_case_created", "case_id", "created_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"))
    revises_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("housing_plan_version.id"))
    made_on: Mapped[date]
    made_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    change: Mapped[str] = mapped_column(Text)  # what this version changed, in words
    agreement: Mapped[PlanAgreement]
    # s189A(6)(a): why the steps could not be agreed. The applicant's steps of a plan not
    # agreed are those the council considers it reasonable to require (s189A(6)(b)).
    not_agreed_because: Mapped[str | None] = mapped_column(Text)


class PlanStep(AppendOnlyRow):
    """One step as it stood in one version of the plan."""

    __tablename__ = "housing_plan_step"

    plan_version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("housing_plan_version.id"), index=True
    )
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"), index=True)
    step_key: Mapped[uuid.UUID]  # the same step in every version
    kind: Mapped[PlanStepKind]
    position: Mapped[int]  # order within its list
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(100))
    due_on: Mapped[date | None]
    status: Mapped[PlanStepStatus]
    library_id: Mapped[str | None] = mapped_column(String(60))  # resources/php_steps.toml


class PlanNotification(AppendOnlyRow):
    """A version of the plan was given to the applicant in writing (s189A(8), (10)-(11))."""

    __tablename__ = "housing_plan_notification"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"), index=True)
    plan_version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_plan_version.id"))
    notified_on: Mapped[date]
    recorded_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    how: Mapped[str] = mapped_column(String(100))  # "PHP letter issued", "copy handed over"
