"""A sync from the app: refused plainly when it cannot run, offline told from refused, nothing
lost either way; and how often the app syncs."""

import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from hoclient.models import SyncOutbox
from hoclient.services.errors import InvalidInput
from hoclient.services.sync_runs import (
    DEFAULT_INTERVAL_MINUTES,
    Contact,
    SyncCancelled,
    SyncProblem,
    run_sync,
    set_sync_interval,
    sync_interval_minutes,
)
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.credentials import save_token
from hoclient.sync.settings import DEVICE_ID, SERVER_URL, write_setting
from tests.services.helpers import approach_for, record
from tests.services.sync_helpers import Answers, Unreachable


@pytest.fixture
def enrolled(store: Store) -> Iterator[Store]:
    """A store that looks enrolled: a server and a device, its token in the keyring."""
    device_id = uuid.uuid4()
    save_token(device_id, "token")
    with store.engine.begin() as connection:
        write_setting(connection, SERVER_URL, "http://centre.invalid")
        write_setting(connection, DEVICE_ID, str(device_id))
    yield store


def outbox_size(store: Store) -> int:
    with store.begin() as session:
        return session.scalar(select(func.count()).select_from(SyncOutbox)) or 0


def test_a_laptop_not_enrolled_is_told_to_enrol(store: Store, officer: OfficerView) -> None:
    with pytest.raises(SyncProblem, match="not connected to a central service") as raised:
        run_sync(store, officer)
    assert raised.value.contact is Contact.REFUSED


def test_an_unreachable_centre_is_offline_and_the_outbox_is_kept(
    enrolled: Store, officer: OfficerView
) -> None:
    record(enrolled, officer, approach_for())
    waiting = outbox_size(enrolled)
    with pytest.raises(SyncProblem, match="Cannot reach the sync service") as raised:
        run_sync(enrolled, officer, transport=Unreachable())
    assert raised.value.contact is Contact.OFFLINE
    assert outbox_size(enrolled) == waiting > 0


def test_a_refused_token_is_not_called_offline(enrolled: Store, officer: OfficerView) -> None:
    refusing = Answers(401, "This device's enrolment was withdrawn: enrol it again.")
    with pytest.raises(SyncProblem, match="enrolment was withdrawn") as raised:
        run_sync(enrolled, officer, transport=refusing)
    assert raised.value.contact is Contact.REFUSED


def test_a_sync_stopped_before_it_sends_keeps_everything_for_the_next(
    enrolled: Store, officer: OfficerView
) -> None:
    record(enrolled, officer, approach_for())
    waiting = outbox_size(enrolled)
    stop = threading.Event()
    stop.set()
    stages: list[str] = []
    with pytest.raises(SyncCancelled):
        run_sync(enrolled, officer, transport=Unreachable(), on_stage=stages.append, cancel=stop)
    assert outbox_size(enrolled) == waiting
    assert stages == []


def test_the_app_syncs_every_five_minutes_until_told_otherwise(
    store: Store, officer: OfficerView
) -> None:
    assert sync_interval_minutes(store) == DEFAULT_INTERVAL_MINUTES == 5
    set_sync_interval(store, officer, 20)
    assert sync_interval_minutes(store) == 20
    with pytest.raises(InvalidInput, match="1 to 240 minutes"):
        set_sync_interval(store, officer, 0)
    assert sync_interval_minutes(store) == 20
