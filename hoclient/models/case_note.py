"""Case notes: append-only. A correction is a new note that points at the one it corrects."""

import uuid

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import AppendOnlyRow


class CaseNote(AppendOnlyRow):
    __tablename__ = "case_note"
    __table_args__ = (Index("ix_case_note_case_written", "case_id", "created_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("housing_case.id"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("officer.id"))
    text: Mapped[str] = mapped_column(Text)
    corrects_note_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("case_note.id"))
