"""Killing the count app between two entries loses neither: each is in the store once
"Record" has answered."""

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import select

from hoclient.models import StreetCountEntry
from hoclient.services.officers import set_current_officer
from hoclient.store.handle import Store, open_store
from hoclient.vocabulary import Role
from tests.memory_keyring import MemoryKeyring, child_environment
from tests.services.street_count_helpers import officer_with_role, put_on_team, set_up_count

# Records one entry (the street given), says so, then waits to be killed mid-way.
RECORDER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from pathlib import Path
    from sqlalchemy import select
    from hoclient.models import StreetCountArea
    from hoclient.services.clock import LONDON
    from hoclient.services.officers import current_officer
    from hoclient.services.street_count_entries import EntryDetails, record_entry, save_draft
    from hoclient.store.handle import open_store
    from hoclient.vocabulary import SiteType, SleepingStatus

    store = open_store(Path(sys.argv[1]))
    volunteer = current_officer(store)
    with store.begin() as session:
        area_id = session.scalars(
            select(StreetCountArea.id).where(StreetCountArea.name == "Town centre")
        ).one()
    details = EntryDetails(
        seen_at=datetime(2026, 11, 20, 1, 0, tzinfo=LONDON),
        site_type=SiteType.DOORWAY,
        status=SleepingStatus.BEDDED_DOWN,
        street=sys.argv[2],
    )
    record_entry(store, volunteer, area_id, details)
    print("recorded", flush=True)
    while True:  # typing the next one when the battery dies
        save_draft(store, volunteer, {"street": "half-typed"})
        time.sleep(0.01)
    """
)


def record_then_kill(store_path: Path, street: str, keys: MemoryKeyring) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", RECORDER, str(store_path), street],
        stdout=subprocess.PIPE,
        text=True,
        env=child_environment(store_path.parent, keys),  # the store's key, as the app has it
    ) as app:
        assert app.stdout is not None
        assert app.stdout.readline().strip() == "recorded"
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)


def test_killing_the_app_between_two_entries_loses_neither(
    store: Store, store_path: Path, memory_keyring: MemoryKeyring
) -> None:
    senior = officer_with_role(store, Role.SENIOR, "Senior Coordinator")
    volunteer = officer_with_role(store, Role.VOLUNTEER, "Volunteer One")
    count = set_up_count(store, senior)
    put_on_team(store, senior, count.teams[0], volunteer)
    with store.begin() as session:
        set_current_officer(session, volunteer.id)
    store.close()

    record_then_kill(store_path, "High Street", memory_keyring)
    record_then_kill(store_path, "Mill Lane", memory_keyring)

    reopened = open_store(store_path)
    with reopened.begin() as session:
        streets = sorted(session.scalars(select(StreetCountEntry.street)))
    with reopened.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    reopened.close()
    assert streets == ["High Street", "Mill Lane"]
