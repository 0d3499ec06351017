"""Shared fixtures. Qt must be told to draw offscreen before anything imports it."""

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hoclient.services.officers import current_officer
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store, open_store

# A fixed "today" for rules and services that take one, so tests read the same every day.
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per run by the real migrations; tests get a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "store.sqlite"
    open_store(path).close()  # dispose() checkpoints the WAL into the main file
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
