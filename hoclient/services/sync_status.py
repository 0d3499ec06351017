"""What the officer sees of sync: pending changes, conflicts, last sync (status bar, Conflicts)."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from hoclient.models import HousingCase, Officer, SyncConflict, SyncOutbox
from hoclient.models.sync_codec import PUSH_ONLY_TABLES
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.engine import last_sync_at
from hoclient.sync.settings import DEVICE_ID, read_setting


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    pending_changes: int
    open_conflicts: int
    last_sync_at: datetime | None


@dataclass(frozen=True)
class ConflictSide:
    value: Any  # as the sync codec writes it: text, number, true/false or null
    by_id: uuid.UUID | None
    by_name: str | None
    at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "by": str(self.by_id) if self.by_id else None,
            "by_name": self.by_name,
            "at": self.at.isoformat() if self.at else None,
        }


@dataclass(frozen=True)
class ConflictView:
    conflict_id: uuid.UUID
    case_id: uuid.UUID | None
    case_reference: str | None
    table: str
    row_id: uuid.UUID
    field: str
    mine: ConflictSide  # what the device that pushed second had
    theirs: ConflictSide  # what the centre had, and kept

    def as_json(self) -> dict[str, Any]:
        return {
            "id": str(self.conflict_id),
            "case_id": str(self.case_id) if self.case_id else None,
            "case": self.case_reference,
            "table": self.table,
            "row_id": str(self.row_id),
            "field": self.field,
            "mine": self.mine.as_json(),
            "theirs": self.theirs.as_json(),
        }


def sync_status(store: Store) -> SyncStatus:
    with store.begin() as session:
        # The officer's own changes: their audit events travel too, but are not work to wait on.
        pending = (
            session.scalar(
                select(func.count())
                .select_from(SyncOutbox)
                .where(SyncOutbox.table_name.not_in(PUSH_ONLY_TABLES))
            )
            or 0
        )
        conflicts = (
            session.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None), SyncConflict.deleted_at.is_(None))
            )
            or 0
        )
        enrolled = read_setting(session.connection(), DEVICE_ID) is not None
    return SyncStatus(enrolled, pending, conflicts, last_sync_at(store.engine))


def list_conflicts(store: Store, officer: OfficerView) -> list[ConflictView]:
    """Unresolved conflicts, oldest first: both values of each, so casework to read."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        rows = session.scalars(
            select(SyncConflict)
            .where(SyncConflict.resolved_at.is_(None), SyncConflict.deleted_at.is_(None))
            .order_by(SyncConflict.created_at, SyncConflict.id)
        ).all()
        names: dict[uuid.UUID | None, str] = {
            officer_id: name
            for officer_id, name in session.execute(select(Officer.id, Officer.display_name))
        }
        references = {
            case_id: reference
            for case_id, reference in session.execute(
                select(HousingCase.id, HousingCase.reference).where(
                    HousingCase.id.in_({row.case_id for row in rows if row.case_id})
                )
            )
        }
        return [
            ConflictView(
                conflict_id=row.id,
                case_id=row.case_id,
                case_reference=references.get(row.case_id) if row.case_id else None,
                table=row.table_name,
                row_id=row.row_id,
                field=row.field_name,
                mine=ConflictSide(
                    json.loads(row.mine_value), row.mine_by, names.get(row.mine_by), row.mine_at
                ),
                theirs=ConflictSide(
                    json.loads(row.theirs_value),
                    row.theirs_by,
                    names.get(row.theirs_by),
                    row.theirs_at,
                ),
            )
            for row in rows
        ]
