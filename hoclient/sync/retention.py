"""Retention: a case closed longer ago than the council keeps cases on laptops is purged from
this laptop after a sync (issue 7, item 6). The centre keeps it; only the laptop forgets it, so
a lost laptop holds as little as it can.

The period is a local setting (`retention_years`, default 6 years, the period many councils
keep housing case files for; each council sets its own). A case with any change still in the
outbox is kept until a sync has taken that change to the centre.
"""

import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from hoclient.models.sync_codec import synced_tables
from hoclient.security.audit import record_purges
from hoclient.sync.local_removal import cases_to_keep, forget_cases
from hoclient.sync.settings import CURRENT_OFFICER_KEY, read_setting, write_setting
from hoclient.vocabulary import CaseStatus

RETENTION_YEARS = "retention_years"
DEFAULT_RETENTION_YEARS = 6

# Told which cases were purged, inside the purge's transaction, with its session, so the audit
# event the app writes commits with the purge or not at all.
OnPurged = Callable[[Session, list[uuid.UUID]], None]

_case = synced_tables()["housing_case"]


def retention_years(connection: Connection) -> int:
    value = read_setting(connection, RETENTION_YEARS)
    return int(value) if value else DEFAULT_RETENTION_YEARS


def set_retention_years(connection: Connection, years: int) -> None:
    if years < 1:
        raise ValueError("Cases are kept for at least a year.")
    write_setting(connection, RETENTION_YEARS, str(years))


def kept_until(closed_on: date, years: int) -> date:
    """The last day a case closed on `closed_on` stays on the laptop."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:  # closed on 29 February; the anniversary is 28 February
        return closed_on.replace(year=closed_on.year + years, day=28)


def cases_past_retention(connection: Connection, today: date) -> list[uuid.UUID]:
    """Closed cases whose retention period ended before `today`."""
    years = retention_years(connection)
    closed = connection.execute(
        select(_case.c.id, _case.c.closed_on).where(
            _case.c.status == CaseStatus.CLOSED, _case.c.closed_on.is_not(None)
        )
    )
    return sorted(case_id for case_id, closed_on in closed if kept_until(closed_on, years) < today)


def purge_expired_cases(
    session: Session, *, today: date, on_purged: OnPurged | None = None
) -> list[uuid.UUID]:
    """Remove the cases past their retention period that have nothing waiting to be sent;
    the ids removed."""
    connection = session.connection()
    kept = cases_to_keep(connection)
    expired = [
        case_id for case_id in cases_past_retention(connection, today) if case_id not in kept
    ]
    if expired:
        forget_cases(session, expired)
        (on_purged or audit_purges)(session, expired)
    return expired


def audit_purges(session: Session, case_ids: list[uuid.UUID]) -> None:
    """Every purge leaves an audit event (issue 7), in the purge's own transaction, in the
    name of the officer working on this laptop."""
    officer = read_setting(session.connection(), CURRENT_OFFICER_KEY)
    record_purges(session, uuid.UUID(officer) if officer else None, case_ids)
