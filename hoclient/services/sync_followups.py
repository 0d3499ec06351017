"""What the laptop works out again after sync (or a bundle) brings rows made elsewhere.

Sync sits below services in the layers, so the sync engine cannot call the services: the app
and the command line hand it `refresh_derived_rows` (hoclient.sync.engine.AfterApply), which
it calls inside the same local transaction as the rows it applied.
"""

import uuid

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from hoclient.models.change_capture import CAPTURE_OFF
from hoclient.services.case_clocks import refresh_clocks_of_cases


def refresh_derived_rows(connection: Connection, case_ids: set[uuid.UUID]) -> None:
    """Work out again the statutory clocks of the cases that rows from elsewhere touched."""
    if not case_ids:
        return
    # Derived rows are this laptop's own, never synced; capture is off all the same, so
    # nothing written here can reach the outbox.
    with Session(bind=connection, info={CAPTURE_OFF: True}) as session:
        refresh_clocks_of_cases(session, case_ids)
        session.flush()
