"""The Conflicts view's actions and words: keep mine, keep theirs, or type a third value.

Keeping a side goes through `resolve_conflict`. A typed value is read and checked exactly as
`hoclient case edit` and the forms check it (services/case_edits.py), and is saved with the
conflict's resolution in one transaction, so both sync together.
"""

import enum
import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from hoclient.models import Base, HousingCase, Person, SyncConflict
from hoclient.models.types import utc_now
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.case_edits import (
    CASE_FIELDS,
    PERSON_FIELDS,
    case_edit_problems,
    edit_case_in,
    edit_person_in,
    person_edit_problems,
)
from hoclient.services.conflicts import Choice, resolve_conflict
from hoclient.services.errors import InvalidInput, NotFound
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store

TABLE_WORDS = {
    "housing_case": "Case",
    "person": "Person",
    "household_member": "Household member",
}
TYPED_FIELDS = {"housing_case": CASE_FIELDS, "person": PERSON_FIELDS}
EDITED = "edited"  # sync_conflict.resolution for a typed value; resolve_conflict writes its choice


def keep_value(store: Store, officer: OfficerView, conflict_id: uuid.UUID, keep: Choice) -> None:
    """Keep this laptop's value ("mine") or the centre's ("theirs")."""
    require(officer, Permission.WRITE_CASEWORK)
    resolve_conflict(store, officer, conflict_id, keep)


def can_type_value(table: str, field: str) -> bool:
    """A third value can be typed only where a form or `case edit` could set the field."""
    return field in TYPED_FIELDS.get(table, {})


def typed_value_problem(
    store: Store, conflict_id: uuid.UUID, text: str, *, today: date
) -> str | None:
    """What is wrong with `text` as the conflict's field, in the form's words; None if it
    would save. Reads only, for checking as the officer types."""
    with store.begin() as session:
        conflict, row = _open_conflict(session, conflict_id)
        typed = {conflict.field_name: text}
        if isinstance(row, HousingCase):
            problems = case_edit_problems(session, row, typed, today=today)
        else:
            problems = person_edit_problems(row, typed, today=today)
    return " ".join(problems.values()) or None


def resolve_with_value(
    store: Store, officer: OfficerView, conflict_id: uuid.UUID, text: str, *, today: date
) -> None:
    """Set the field to a value the officer typed, checked as the form would, and close the
    conflict; InvalidInput changes nothing."""
    require(officer, Permission.WRITE_CASEWORK)
    with store.begin() as session:
        conflict, row = _open_conflict(session, conflict_id)
        typed = {conflict.field_name: text}
        if isinstance(row, HousingCase):
            edit_case_in(session, officer, row, typed, today=today)
        else:
            edit_person_in(officer, row, typed, today=today)
        conflict.resolved_at = utc_now()
        conflict.resolution = EDITED
        conflict.updated_by = officer.id


def _open_conflict(
    session: Session, conflict_id: uuid.UUID
) -> tuple[SyncConflict, HousingCase | Person]:
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.deleted_at is not None:
        raise NotFound("That conflict is not on this laptop.")
    if conflict.resolved_at is not None:
        raise InvalidInput({"value": "That conflict was already resolved."})
    if not can_type_value(conflict.table_name, conflict.field_name):
        raise InvalidInput(
            {"value": "This field cannot be typed here: keep your value or the other one."}
        )
    row: HousingCase | Person | None = (
        session.get(HousingCase, conflict.row_id)
        if conflict.table_name == "housing_case"
        else session.get(Person, conflict.row_id)
    )
    if row is None:
        raise NotFound("The record in conflict is not on this laptop.")
    return conflict, row


def field_words(table: str, field: str) -> str:
    """'Case: referring agency', 'Person: phone'."""
    record = TABLE_WORDS.get(table, table.replace("_", " ").capitalize())
    if field == "deleted_at":
        return f"{record}: removed or kept"
    return f"{record}: {field.replace('_', ' ')}"


def value_words(table: str, field: str, value: Any) -> str:
    """A value as the sync codec holds it, in words an officer reads."""
    if field == "deleted_at":
        if isinstance(value, dict):
            changed = ", ".join(
                f"{name.replace('_', ' ')} {value_words(table, name, kept)}"
                for name, kept in value.items()
            )
            return f"Kept, changed: {changed}" if changed else "Kept"
        when = _instant(value)
        return f"Removed {when:%d %b %Y %H:%M}" if when else "Removed"
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    kind = _enum_of(table, field)
    if kind is not None and isinstance(value, str) and value in kind.__members__:
        return str(kind[value].value)
    if isinstance(value, str):
        try:
            return f"{date.fromisoformat(value):%d %b %Y}"
        except ValueError:
            return value
    return str(value)


def value_as_typed(table: str, field: str, value: Any) -> str:
    """A side's value as the officer would type it in `case edit` (the edit box starts here)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    kind = _enum_of(table, field)
    if kind is not None and isinstance(value, str) and value in kind.__members__:
        return str(kind[value].value)
    return str(value)


def _enum_of(table: str, field: str) -> type[enum.Enum] | None:
    found = Base.metadata.tables.get(table)
    if found is None or field not in found.c:
        return None
    column_type = found.c[field].type
    if isinstance(column_type, sa.Enum) and column_type.enum_class is not None:
        kind: type[enum.Enum] = column_type.enum_class
        return kind
    return None


def _instant(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
