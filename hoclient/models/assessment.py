"""The s189A assessment of a case, as versions: each save is a new row, never an update.

An assessment is kept under review while a duty lasts and changed when the applicant's
circumstances change (s189A(9)-(10)), so every version stays readable. The rows are
append-only (change capture refuses an UPDATE), which also means two laptops can never
conflict over one: each writes its own version, and the case shows the newest.
"""

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import AppendOnlyRow


class Assessment(AppendOnlyRow):
    """One version of the three parts of the assessment (s189A(2)(a)-(c))."""

    __tablename__ = "assessment"
    __table_args__ = (Index("ix_assessment_case_created", "case_id", "created_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"))
    # The version this one was made from; None for the first. Not indexed: a case's versions
    # are always read together.
    revises_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assessment.id"))
    assessed_on: Mapped[date]
    assessed_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    # s189A(2)(a): the circumstances that caused homelessness or the threat of it.
    circumstances: Mapped[str] = mapped_column(Text)
    # hoclient.reports.hclic_codes, list A2: an internal value, translated only on export.
    reason_for_loss: Mapped[str] = mapped_column(String(60))
    # s189A(2)(b): housing needs, in particular what accommodation would be suitable.
    housing_needs: Mapped[str] = mapped_column(Text)
    suitable_accommodation: Mapped[str] = mapped_column(Text)
    # s189A(2)(c): the support needed to obtain and keep suitable accommodation.
    support_needs: Mapped[str] = mapped_column(Text)
    change_reason: Mapped[str | None] = mapped_column(Text)  # why a review changed it


class AssessmentSupportNeed(AppendOnlyRow):
    """A support need (H-CLIC list A3) of one person in the household, in one version."""

    __tablename__ = "assessment_support_need"

    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessment.id"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"), index=True)
    household_member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household_member.id"))
    code: Mapped[str] = mapped_column(String(60))
