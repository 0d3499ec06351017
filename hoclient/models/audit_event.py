"""The audit trail (DESIGN.md, Security; issue 7): who opened or changed what, and when.

Append-only: an event is never changed (change capture refuses it, and so does the centre).
Events are written by the change-capture hooks for every change of a synced row, in the
change's own transaction, and by the services for what is not a change (opening a case).

`case_id` and `person_id` are deliberately not foreign keys: the trail must outlive the rows
it speaks of (a case purged from a laptop under the retention rule leaves its "purged" event
behind). `detail` names changed fields, never their values.

Events sync to the centre push-only: a laptop sends its own events and never receives
anyone's (hoclient.server skips them in the pull feed), so a lost laptop holds no more of the
trail than it wrote.
"""

import uuid
from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from hoclient.models.base import AppendOnlyRow
from hoclient.models.types import utc_now

AUDIT_TABLE = "audit_event"
DETAIL_MAX_CHARS = 400


class AuditEvent(AppendOnlyRow):
    __tablename__ = AUDIT_TABLE
    __table_args__ = (
        # The audit view lists newest first, whole or for one case, person or officer.
        Index("ix_audit_event_happened_at", "happened_at"),
        Index("ix_audit_event_case_happened", "case_id", "happened_at"),
        Index("ix_audit_event_person_happened", "person_id", "happened_at"),
        Index("ix_audit_event_officer_happened", "officer_id", "happened_at"),
    )

    # None only when no officer could be named (a bug to look into, kept rather than lost).
    officer_id: Mapped[uuid.UUID | None]
    happened_at: Mapped[datetime] = mapped_column(default=utc_now)
    action: Mapped[str] = mapped_column(String(60))  # "opened case", "changed person"...
    case_id: Mapped[uuid.UUID | None]
    person_id: Mapped[uuid.UUID | None]
    detail: Mapped[str] = mapped_column(String(DETAIL_MAX_CHARS), default="")
