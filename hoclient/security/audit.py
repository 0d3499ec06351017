"""Writing audit events that are not row changes (DESIGN.md, Security).

Every change of a synced row is audited by the change-capture hooks themselves
(hoclient.models.change_capture); this is for the rest: opening a case, signing in, a
retention purge. The event joins the caller's transaction and syncs to the centre with it.
"""

import uuid
from collections.abc import Iterable

from sqlalchemy.orm import Session

from hoclient.models import AuditEvent
from hoclient.models.audit_event import DETAIL_MAX_CHARS

OPENED_CASE = "opened case"
PURGED_CASE = "purged case"
SIGNED_IN = "signed in"


def record_audit(
    session: Session,
    officer_id: uuid.UUID | None,
    action: str,
    *,
    case_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    detail: str = "",
) -> None:
    """Add an event to the session's transaction. `detail` is a few words, never a sensitive
    value (a name, an address): it is cut to fit, not refused, so an audit never fails a user's
    action."""
    session.add(
        AuditEvent(
            officer_id=officer_id,
            action=action,
            case_id=case_id,
            person_id=person_id,
            detail=detail[:DETAIL_MAX_CHARS],
        )
    )


def record_purges(
    session: Session, officer_id: uuid.UUID | None, case_ids: Iterable[uuid.UUID]
) -> None:
    """One "purged case" event per case removed under the retention rule, for the purge's own
    transaction (the sync engine's on_purged callback)."""
    for case_id in case_ids:
        record_audit(session, officer_id, PURGED_CASE, case_id=case_id, detail="retention period")
