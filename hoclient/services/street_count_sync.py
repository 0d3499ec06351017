"""Sync from the count window: a volunteer back at the count base sends their entries and
receives their team's (their device's scope is their counts only: server/street_count_scope.py).
"""

import httpx

from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.errors import ServiceError
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.credentials import NoDeviceToken
from hoclient.sync.engine import SyncFailed, device_token, synchronise
from hoclient.sync.settings import SERVER_URL, read_setting

SYNC_TIMEOUT_SECONDS = 60


class CannotSync(ServiceError):
    """Not enrolled, no signal, or the centre refused: nothing is lost, try again later."""


def sync_count_device(
    store: Store, officer: OfficerView, *, client: httpx.Client | None = None
) -> str:
    """Push this device's entries, pull its counts; what happened, in words. `client` is the
    connection to use (a test's in-process service); by default, the enrolled server's URL."""
    require(officer, Permission.SYNC)
    with store.engine.connect() as connection:
        server = read_setting(connection, SERVER_URL)
    if not server and client is None:
        raise CannotSync("This device is not enrolled with the sync service: ask the coordinator.")
    try:
        token = device_token(store.engine)
        if client is not None:
            report = synchronise(store.engine, client, token)
        else:
            assert server is not None
            with httpx.Client(base_url=server, timeout=SYNC_TIMEOUT_SECONDS) as opened:
                report = synchronise(store.engine, opened, token)
    except (SyncFailed, NoDeviceToken) as error:
        raise CannotSync(f"{error} Your entries are safe on this device.") from error
    return report.summary()
