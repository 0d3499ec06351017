"""Issued letters: the exact PDF an applicant was given, kept append-only (DESIGN.md, Data).

A letter is never changed once issued (change capture refuses an UPDATE of any append-only
row); a correction or a re-issue is a new row. The SHA-256 of the bytes is stored beside
them so a reader can tell the PDF is the one issued.
"""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import AppendOnlyRow
from hoclient.models.types import utc_now
from hoclient.vocabulary import LetterDelivery


class IssuedLetter(AppendOnlyRow):
    __tablename__ = "issued_letter"
    __table_args__ = (
        # The Letters tab: one case's letters, newest first, off the index.
        Index("ix_issued_letter_case_issued", "case_id", "issued_at"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"))
    kind_id: Mapped[str] = mapped_column(String(60))  # hoclient.letters.kinds
    # The decision the letter notifies; None for letters of no decision (assessment, plan).
    decision_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("duty_decision.id"))
    # SHA-256 of the template files and council settings used: which wording was in force.
    template_version: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # read only to open it
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    large_print: Mapped[bool]
    issued_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    issued_at: Mapped[datetime] = mapped_column(default=utc_now)
    delivery: Mapped[LetterDelivery]
    reasons: Mapped[str | None] = mapped_column(Text)  # the free text the officer wrote
