"""The app as an officer meets it: opened by the same start-up path as `hoclient`, on a
store in tmp_path, shown offscreen, closed (and its workers waited for) after each test."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from pytestqt.qtbot import QtBot

from hoclient.server import accounts
from hoclient.server.app import create_app
from hoclient.server.central import Central, open_central
from hoclient.store.handle import Store, open_store
from hoclient.ui.app import open_main_window
from hoclient.ui.main_window import MainWindow
from tests.conftest import TODAY
from tests.sync.asgi import InProcessTransport
from tests.sync.conftest import Laptops

OpenApp = Callable[[Store], MainWindow]


@pytest.fixture(scope="session")
def empty_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "store.sqlite"
    open_store(path).close()  # closing the last connection folds the WAL into the file
    return path


@pytest.fixture
def store_path(tmp_path: Path, empty_store_file: Path) -> Path:
    """A copy of an empty, migrated store: migrating a new file for each test costs half of
    the time the app takes to open."""
    path = tmp_path / "store.sqlite"
    shutil.copyfile(empty_store_file, path)
    return path


@pytest.fixture
def open_app(qtbot: QtBot) -> Iterator[OpenApp]:
    opened: list[MainWindow] = []

    def open_on(store: Store) -> MainWindow:
        window = open_main_window(store, today=lambda: TODAY)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        opened.append(window)
        return window

    yield open_on
    for window in opened:
        window.close()  # closes its case windows and waits for its workers


@pytest.fixture
def main_window(open_app: OpenApp, store: Store) -> MainWindow:
    window = open_app(store)
    # The first counts come from a reader: let them land before the test starts.
    return window


# The app against a central service: a SQLite centre called in-process (tests/sync/asgi.py),
# laptops enrolled with it, device tokens in an in-memory keyring.


@pytest.fixture
def central(tmp_path: Path, plain_migrated_template: Path) -> Iterator[Central]:
    shutil.copyfile(plain_migrated_template, tmp_path / "central.sqlite")
    opened = open_central(f"sqlite:///{tmp_path / 'central.sqlite'}")
    yield opened
    opened.close()


@pytest.fixture
def centre_transport(central: Central) -> InProcessTransport:
    """What the app's sync uses in place of the network (SyncController.transport)."""
    return InProcessTransport(create_app(central))


@pytest.fixture
def laptops(
    central: Central,
    centre_transport: InProcessTransport,
    tmp_path: Path,
    migrated_template: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Laptops]:
    # The production argon2id settings cost ~0.2 s a hash by design.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
    with httpx.Client(transport=centre_transport, base_url="http://testserver") as client:
        made = Laptops(central, client, tmp_path, migrated_template)
        yield made
        made.close()
