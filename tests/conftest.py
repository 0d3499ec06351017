"""Shared fixtures. Qt must be told to draw offscreen before anything imports it."""

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import pytest
from argon2 import PasswordHasher

from hoclient.security import offline_sign_in
from hoclient.services.officers import current_officer
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store, open_store
from tests.memory_keyring import MemoryKeyring

# A fixed "today" for rules and services that take one, so tests read the same every day.
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session", autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The OS keyring for the whole run: stores are encrypted, their keys gone with the process.

    Session-wide, because a test's store is a copy of a template whose key is kept once.
    """
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def quick_verifiers(monkeypatch: pytest.MonkeyPatch) -> None:
    # The production argon2id settings cost ~50 ms a hash by design; tests hash a lot.
    monkeypatch.setattr(offline_sign_in, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per run by the real migrations; tests get a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "store.sqlite"
    open_store(path).close()  # dispose() checkpoints the WAL into the main file
    return path


@pytest.fixture(scope="session")
def plain_migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same schema, unencrypted: a SQLite centre is a server's file, not a laptop's store."""
    path = tmp_path_factory.mktemp("plain-template") / "central.sqlite"
    open_store(path, dev_plain=True).close()
    return path


@pytest.fixture
def store_path(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "store.sqlite"
    shutil.copyfile(migrated_template, path)
    return path


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    opened = open_store(store_path)
    yield opened
    opened.close()


@pytest.fixture
def officer(store: Store) -> OfficerView:
    return current_officer(store)
