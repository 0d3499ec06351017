"""Syncing from the app: one sync with the enrolled central service, and how often to run it.

The CLI (`hoclient sync`) and the app run the same engine (hoclient/sync/engine.py); this
module is the app's way in, so the UI never holds a token or an HTTP client. A failed sync
loses nothing: the outbox keeps every change until the centre has answered for it.
"""

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.errors import InvalidInput, ServiceError
from hoclient.services.sync_followups import refresh_derived_rows
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.credentials import NoDeviceToken
from hoclient.sync.engine import SyncFailed, device_token, synchronise
from hoclient.sync.settings import SERVER_URL, read_setting, write_setting

INTERVAL_SETTING = "sync_interval_minutes"
DEFAULT_INTERVAL_MINUTES = 5
INTERVAL_RANGE = (1, 240)
# Offline, a connection attempt should fail in seconds, not hold the store's writer for
# minutes; an answer (a long pull page) may take longer.
TIMEOUT = httpx.Timeout(120.0, connect=10.0)

# The engine's checkpoints before it asks the centre: stopping there leaves nothing half done.
_BEFORE_ASKING = ("push: before send", "pull: before request")
Stage = Callable[[str], None]  # what the sync is doing now, in words; called on its thread


class Contact(enum.Enum):
    """The last contact with the centre, for the status bar."""

    ONLINE = "Online"  # the last sync finished
    OFFLINE = "Offline"  # the centre could not be reached
    REFUSED = "Refused"  # the centre answered but would not sync (token, server error)


class SyncProblem(ServiceError):
    """A sync stopped. Its message is what the officer reads; `contact` says whether the
    centre was reached at all. Nothing is lost: the next sync carries on."""

    def __init__(self, message: str, contact: Contact) -> None:
        super().__init__(message)
        self.contact = contact


class SyncCancelled(ServiceError):
    """The officer stopped the sync; what was finished is kept, the rest goes next time."""


@dataclass(frozen=True)
class SyncOutcome:
    sent: int
    already_sent: int
    new_conflicts: int
    refused: tuple[str, ...]
    received_rows: int
    summary: str


def enrolled_server(store: Store) -> str | None:
    """The central service this laptop is enrolled with, or None (not connected)."""
    with store.engine.connect() as connection:
        return read_setting(connection, SERVER_URL)


def run_sync(
    store: Store,
    officer: OfficerView,
    *,
    transport: httpx.BaseTransport | None = None,
    on_stage: Stage | None = None,
    cancel: threading.Event | None = None,
) -> SyncOutcome:
    """Send the outbox, then receive the centre's changes. SyncProblem if it could not finish;
    `cancel`, once set, stops it at the next step that is safe to stop at (every step is)."""
    require(officer, Permission.SYNC)
    server = enrolled_server(store)
    if server is None:
        raise SyncProblem(
            "This laptop is not connected to a central service: enrol it first (hoclient enrol).",
            Contact.REFUSED,
        )
    say = on_stage or (lambda _words: None)
    pages = 0

    def checkpoint(step: str) -> None:
        nonlocal pages
        if cancel is not None and cancel.is_set() and step in _BEFORE_ASKING:
            raise SyncCancelled("Sync stopped. Nothing is lost: the rest goes with the next one.")
        if step == "push: before send":
            say("Sending this laptop's changes…")
        elif step == "pull: before request":
            say(
                f"Receiving the centre's changes (page {pages + 1})…"
                if pages
                else "Receiving the centre's changes…"
            )
        elif step == "pull: page received":
            pages += 1

    try:
        token = device_token(store.engine)
        with httpx.Client(base_url=server, transport=transport, timeout=TIMEOUT) as client:
            report = synchronise(
                store.engine,
                client,
                token,
                checkpoint=checkpoint,
                after_apply=refresh_derived_rows,
            )
    except NoDeviceToken as error:
        raise SyncProblem(str(error), Contact.REFUSED) from error
    except SyncFailed as error:
        unreachable = isinstance(error.__cause__, httpx.TransportError)
        raise SyncProblem(str(error), Contact.OFFLINE if unreachable else Contact.REFUSED) from (
            error
        )
    return SyncOutcome(
        sent=report.pushed,
        already_sent=report.duplicates,
        new_conflicts=report.conflicts,
        refused=tuple(report.refused),
        received_rows=report.pulled_rows,
        summary=report.summary(),
    )


def sync_interval_minutes(store: Store) -> int:
    """How often the app syncs in the background (a setting of this laptop)."""
    with store.engine.connect() as connection:
        value = read_setting(connection, INTERVAL_SETTING)
    try:
        minutes = int(value) if value is not None else DEFAULT_INTERVAL_MINUTES
    except ValueError:
        return DEFAULT_INTERVAL_MINUTES
    low, high = INTERVAL_RANGE
    return minutes if low <= minutes <= high else DEFAULT_INTERVAL_MINUTES


def set_sync_interval(store: Store, officer: OfficerView, minutes: int) -> int:
    require(officer, Permission.SYNC)
    low, high = INTERVAL_RANGE
    if not low <= minutes <= high:
        raise InvalidInput(
            {"interval": f"Sync every {low} to {high} minutes; {minutes} is out of range."}
        )
    with store.engine.begin() as connection:
        write_setting(connection, INTERVAL_SETTING, str(minutes))
    return minutes
