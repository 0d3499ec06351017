"""A case: one approach to the service, and the household it is about."""

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import SyncedRow
from hoclient.vocabulary import (
    AccommodationAtApproach,
    ApproachMethod,
    CaseStatus,
    ReferralSource,
    Relationship,
)


class HousingCase(SyncedRow):
    # "case" is an SQL keyword.
    __tablename__ = "housing_case"
    __table_args__ = (
        # My caseload: an officer's open cases, newest approach first, straight off the index.
        Index(
            "ix_housing_case_officer_status_approached",
            "assigned_officer_id",
            "status",
            "approached_on",
        ),
        # My team's cases and all cases on the laptop, newest first, without a sort of every
        # case (129 -> 9-14 ms a page at 20k cases, benchmarks/README.md).
        Index("ix_housing_case_team_status_approached", "team_id", "status", "approached_on"),
        Index("ix_housing_case_status_approached", "status", "approached_on"),
    )

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    approached_on: Mapped[date]
    approach_method: Mapped[ApproachMethod]
    referral_source: Mapped[ReferralSource | None]
    referring_agency: Mapped[str | None] = mapped_column(String(200))
    address_line_1: Mapped[str | None] = mapped_column(String(200))
    address_line_2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(10))
    postcode_key: Mapped[str | None] = mapped_column(String(8), index=True)
    accommodation_at_approach: Mapped[AccommodationAtApproach]
    assigned_officer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("officer.id"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("team.id"), index=True)
    status: Mapped[CaseStatus] = mapped_column(default=CaseStatus.OPEN)
    closed_on: Mapped[date | None]


class HouseholdMember(SyncedRow):
    """Someone who lives, or might reasonably be expected to live, with the applicant (s176)."""

    __tablename__ = "household_member"
    __table_args__ = (
        # Exactly one live applicant per case: the database refuses a second.
        Index(
            "uq_household_member_one_applicant",
            "case_id",
            unique=True,
            sqlite_where=text("relationship_to_applicant = 'APPLICANT' AND deleted_at IS NULL"),
            postgresql_where=text("relationship_to_applicant = 'APPLICANT' AND deleted_at IS NULL"),
        ),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    relationship_to_applicant: Mapped[Relationship]
    normally_resides_with_applicant: Mapped[bool] = mapped_column(default=True)
    dependent_child: Mapped[bool] = mapped_column(default=False)
    pregnant: Mapped[bool] = mapped_column(default=False)
    expected_due_on: Mapped[date | None]
