"""Sequence numbers commit in order: a pull while one push is held open skips no row."""

import threading
from collections.abc import Sequence

import pytest
from sqlalchemy import Connection, select

from hoclient.models import HousingCase
from hoclient.server import app as server_app
from hoclient.server.apply import apply_changes
from hoclient.server.protocol import Change, ChangeResult
from hoclient.server.scope import DeviceOfficer
from tests.services.helpers import approach_for, record
from tests.sync.conftest import Laptop, Laptops


def references(laptop: Laptop) -> set[str]:
    with laptop.store.begin() as session:
        return set(session.scalars(select(HousingCase.reference)))


def test_a_pull_while_a_push_is_held_open_skips_no_row(
    laptops: Laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("grace", "kofi", "amira"):
        laptops.officer(name)
    grace, kofi, amira = (laptops.enrolled(name) for name in ("grace", "kofi", "amira"))
    graces = record(grace.store, grace.officer, approach_for("Okafor", "Grace")).reference
    kofis = record(kofi.store, kofi.officer, approach_for("Mensah", "Kofi")).reference

    inside, release = threading.Event(), threading.Event()

    def held_open(
        connection: Connection, who: DeviceOfficer, changes: Sequence[Change]
    ) -> list[ChangeResult]:
        results = apply_changes(connection, who, changes)
        if who.officer_id == grace.officer.id:  # grace's push: applied, numbered, not committed
            inside.set()
            assert release.wait(30)
        return results

    monkeypatch.setattr(server_app, "apply_changes", held_open)
    errors: list[BaseException] = []

    def sync_in_background(laptop: Laptop) -> threading.Thread:
        def work() -> None:
            try:
                laptop.sync()
            except BaseException as error:  # reported by the main thread
                errors.append(error)

        thread = threading.Thread(target=work)
        thread.start()
        return thread

    first = sync_in_background(grace)
    assert inside.wait(30)
    second = sync_in_background(kofi)  # waits for grace's transaction: writers are serialised
    second.join(0.5)
    assert second.is_alive()
    amira.sync()  # reads while grace's push is open and kofi's is queued behind it
    assert references(amira) == set()
    release.set()
    first.join(30)
    second.join(30)
    assert not errors
    amira.sync()
    assert references(amira) == {graces, kofis}
