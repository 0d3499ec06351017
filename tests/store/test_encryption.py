"""The laptop's store is encrypted at rest, its key only in the keyring (issue 7, part 1)."""

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from hoclient.services.officers import current_officer
from hoclient.services.search import search
from hoclient.store.errors import StoreError
from hoclient.store.handle import Store, open_store
from hoclient.store.store_key import KEYRING_SERVICE, PLAINTEXT_HEADER, store_id
from tests.memory_keyring import MemoryKeyring
from tests.services.helpers import approach_for, record

UNIQUE_FAMILY = "Quorvendaleth"


def _files_of(path: Path) -> list[Path]:
    return [p for p in (path, path.with_name(path.name + "-wal")) if p.exists()]


def _bytes_of(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in _files_of(path))


def _write_unique_person(store: Store) -> None:
    record(store, current_officer(store), approach_for(UNIQUE_FAMILY, "Ysolde"))


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_the_store_on_disk_holds_no_plaintext(store: Store) -> None:
    _write_unique_person(store)
    assert search(store, current_officer(store), UNIQUE_FAMILY).hits
    while_open = _bytes_of(store.path)  # the WAL still holds the newest pages here
    store.close()
    after_close = _bytes_of(store.path)

    for image in (while_open, after_close):
        assert UNIQUE_FAMILY.encode() not in image
        assert UNIQUE_FAMILY.encode("utf-16-le") not in image
        assert PLAINTEXT_HEADER not in image[:16]


def test_a_dev_plain_store_does_hold_plaintext_which_the_scan_would_find(tmp_path: Path) -> None:
    # The scan above can fail: on a plain store the same bytes are there.
    plain = open_store(tmp_path / "plain.sqlite", dev_plain=True)
    _write_unique_person(plain)
    assert not plain.encrypted
    plain.close()
    assert UNIQUE_FAMILY.encode() in _bytes_of(tmp_path / "plain.sqlite")


def test_a_wrong_key_is_refused_with_a_clear_message_and_nothing_changed(
    store_path: Path, memory_keyring: MemoryKeyring
) -> None:
    name = store_id(store_path)
    right = memory_keyring.secrets[(KEYRING_SERVICE, name)]
    before = store_path.read_bytes()
    memory_keyring.secrets[(KEYRING_SERVICE, name)] = "ab" * 32
    try:
        with pytest.raises(StoreError, match="does not open the store") as refused:
            open_store(store_path)
    finally:
        memory_keyring.secrets[(KEYRING_SERVICE, name)] = right
    assert "Nothing was changed" in str(refused.value)
    assert store_path.read_bytes() == before
    assert _files_of(store_path) == [store_path]


def test_a_missing_key_is_refused_never_replaced_by_a_new_empty_store(
    store_path: Path, memory_keyring: MemoryKeyring
) -> None:
    name = store_id(store_path)
    right = memory_keyring.secrets.pop((KEYRING_SERVICE, name))
    before = store_path.read_bytes()
    try:
        with pytest.raises(StoreError, match="not in this computer's keyring"):
            open_store(store_path)
    finally:
        memory_keyring.secrets[(KEYRING_SERVICE, name)] = right
    assert store_path.read_bytes() == before
    assert (KEYRING_SERVICE, name) in memory_keyring.secrets  # no new key made either


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_no_store_opens_and_none_is_made(store_path: Path) -> None:
    before = store_path.read_bytes()
    with pytest.raises(StoreError, match="no OS keyring") as refused:
        open_store(store_path)
    assert "dbus-run-session" in str(refused.value)  # says how to get one
    assert store_path.read_bytes() == before

    new = store_path.with_name("new.sqlite")
    with pytest.raises(StoreError, match="no OS keyring"):
        open_store(new)
    assert not new.exists()
    assert not new.with_name("new.sqlite-wal").exists()


def test_a_plaintext_store_is_encrypted_once_keeping_every_row(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "old.sqlite"
    plain = open_store(path, dev_plain=True)
    officer = current_officer(plain)
    for index in range(3):
        record(plain, officer, approach_for(f"{UNIQUE_FAMILY}{index}", "Ysolde"))
    plain.close()
    with sqlite3.connect(path) as connection:
        tables = [
            n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        before = {
            t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
        }
    connection.close()

    store = open_store(path)
    try:
        assert store.encrypted
        with store.engine.connect() as connection:
            after = {
                t: connection.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar()
                for t in tables
            }
        assert after == before
        assert before["person"] >= 3
        found = search(store, current_officer(store), UNIQUE_FAMILY).hits
        assert len(found) == 3  # the FTS5 index came across and still answers
    finally:
        store.close()

    assert path.read_bytes()[:16] != PLAINTEXT_HEADER
    assert UNIQUE_FAMILY.encode() not in _bytes_of(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]  # no copy, no old WAL
    # Opened again, it is simply read with its key: encrypted once, not every start.
    key_entries = [k for k in memory_keyring.secrets if k[0] == KEYRING_SERVICE]
    open_store(path).close()
    assert [k for k in memory_keyring.secrets if k[0] == KEYRING_SERVICE] == key_entries


def test_a_copy_of_a_store_opens_with_the_same_key(store_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "backup.sqlite"
    shutil.copyfile(store_path, copy)
    open_store(copy).close()
