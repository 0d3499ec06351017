"""What a service changed, so each widget refreshes only what it shows (style.md, Anki)."""

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    cases: bool = False
    household: bool = False
    notes: bool = False
    persons: bool = False
    assessment: bool = False
    plan: bool = False
    letters: bool = False  # a letter issued on the case
    case_id: uuid.UUID | None = None
