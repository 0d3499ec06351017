"""Case notes: added, listed, corrected by a new note; never edited or removed."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import aliased

from hoclient.models import CaseNote, Officer
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.cases import live_case
from hoclient.services.errors import InvalidInput, NotFound
from hoclient.services.views import NoteView, OfficerView
from hoclient.store.handle import Store

NOTE_MAX_CHARS = 20_000


def note_text_problem(text: str) -> str | None:
    if not text.strip():
        return "Write the note before saving it."
    if len(text) > NOTE_MAX_CHARS:
        return f"A note holds at most {NOTE_MAX_CHARS:,} characters; split it into two notes."
    return None


def add_case_note(
    store: Store,
    officer: OfficerView,
    case_id: uuid.UUID,
    text: str,
    *,
    corrects_note_id: uuid.UUID | None = None,
) -> NoteView:
    """The note commits whole or not at all; a correction points at the note it corrects."""
    require(officer, Permission.WRITE_CASEWORK)
    if problem := note_text_problem(text):
        raise InvalidInput({"text": problem})
    with store.begin() as session:
        live_case(session, case_id)
        if corrects_note_id is not None:
            corrected = session.get(CaseNote, corrects_note_id)
            if corrected is None or corrected.case_id != case_id:
                raise NotFound("The note being corrected is not on this case.")
        note = CaseNote(
            case_id=case_id,
            author_id=officer.id,
            text=text.strip(),
            corrects_note_id=corrects_note_id,
        )
        session.add(note)
        session.flush()
        return NoteView(
            note_id=note.id,
            written_at=note.created_at,
            author_name=officer.display_name,
            text=note.text,
            corrects_note_id=note.corrects_note_id,
            corrected_by_note_id=None,
        )


def notes_of(store: Store, officer: OfficerView, case_id: uuid.UUID) -> list[NoteView]:
    """Newest first, each with the note that corrects it, if any."""
    require(officer, Permission.READ_CASEWORK)
    correction = aliased(CaseNote)
    latest_correction = (
        select(correction.id)
        .where(correction.corrects_note_id == CaseNote.id)
        .order_by(correction.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    with store.begin() as session:
        live_case(session, case_id)
        rows = session.execute(
            select(CaseNote, Officer.display_name, latest_correction)
            .join(Officer, Officer.id == CaseNote.author_id)
            .where(CaseNote.case_id == case_id)
            .order_by(CaseNote.created_at.desc())
        ).all()
        return [
            NoteView(
                note_id=note.id,
                written_at=note.created_at,
                author_name=author,
                text=note.text,
                corrects_note_id=note.corrects_note_id,
                corrected_by_note_id=corrected_by,
            )
            for note, author, corrected_by in rows
        ]
