"""Shared fixtures. Qt must be told to draw offscreen before anything imports it."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from hoclient.services.officers import current_officer  # noqa: E402
from hoclient.services.views import OfficerView  # noqa: E402
from hoclient.store.handle import Store, open_store  # noqa: E402

# A fixed "today" for rules and services that take one, so tests read the same every day.
TODAY = date(2026, 11, 25)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    opened = open_store(store_path)
    yield opened
    opened.close()


@pytest.fixture
def officer(store: Store) -> OfficerView:
    return current_officer(store)
