"""Resolving a sync conflict: the officer keeps their value or the centre's.

Both the chosen value and the conflict's resolution are ordinary edits, captured into the
outbox, so the resolution syncs to the centre and to every laptop holding the case.
"""

import json
import uuid
from typing import Any, Literal

import sqlalchemy as sa

from hoclient.models import Base, SyncConflict
from hoclient.models.sync_codec import decode
from hoclient.models.types import utc_now
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.errors import InvalidInput, NotFound
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store

Choice = Literal["mine", "theirs"]


def resolve_conflict(
    store: Store, officer: OfficerView, conflict_id: uuid.UUID, keep: Choice
) -> None:
    """Set the field to the kept value (the device's, or the centre's) and close the conflict."""
    require(officer, Permission.WRITE_CASEWORK)
    if keep not in ("mine", "theirs"):
        raise InvalidInput({"keep": "Keep either your value or the other one."})
    with store.begin() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None or conflict.deleted_at is not None:
            raise NotFound("That conflict is not on this laptop.")
        if conflict.resolved_at is not None:
            raise InvalidInput({"keep": "That conflict was already resolved."})
        model = _model_of(conflict.table_name)
        row = session.get(model, conflict.row_id)
        if row is None:
            raise NotFound("The record in conflict is not on this laptop.")
        table = sa.inspect(model).local_table
        assert isinstance(table, sa.Table)
        kept = json.loads(conflict.mine_value if keep == "mine" else conflict.theirs_value)
        # A tombstone meeting an edit keeps, on the edit's side, the edited fields together.
        values: dict[str, Any] = kept if isinstance(kept, dict) else {conflict.field_name: kept}
        if conflict.field_name == "deleted_at" and isinstance(kept, dict):
            values.setdefault("deleted_at", None)
        for name, value in values.items():
            setattr(row, name, decode(table.c[name], value))
        row.updated_by = officer.id  # type: ignore[attr-defined]
        conflict.resolved_at = utc_now()
        conflict.resolution = keep
        conflict.updated_by = officer.id


def _model_of(table_name: str) -> type[Base]:
    for mapper in Base.registry.mappers:
        if mapper.persist_selectable.name == table_name:  # type: ignore[attr-defined]
            model: type[Base] = mapper.class_
            return model
    raise NotFound(f"hoclient has no table {table_name}.")
