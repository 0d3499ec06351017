"""The store's encryption key: 32 random bytes, kept only in the OS keyring (DESIGN.md, Security).

SQLCipher is given the key raw (`x'...'`), so opening costs ~5 ms, not the ~110 ms of
stretching a passphrase (issue 7). The keyring entry is named by the store's SQLCipher salt,
the first 16 bytes of the file, which SQLCipher writes in clear: a copy of a store (a backup,
a test template) is still found by its key, and two different stores can never share an entry.
"""

import os
import secrets
from enum import Enum, auto
from pathlib import Path

import keyring
import sqlcipher3.dbapi2 as sqlcipher
from keyring.errors import KeyringError, NoKeyringError

from hoclient.store.errors import StoreError

KEYRING_SERVICE = "hoclient-store"
KEY_BYTES = 32
SALT_BYTES = 16
PLAINTEXT_HEADER = b"SQLite format 3\x00"

NO_KEYRING = (
    "There is no OS keyring to keep the store's encryption key in ({reason}). hoclient keeps "
    "the key nowhere else and does not start on an unencrypted store. On a desktop, sign in "
    "to a session with a keyring (GNOME Keyring, KWallet, macOS Keychain or Windows "
    "Credential Manager). On a server or CI, run it inside `dbus-run-session` with "
    "gnome-keyring unlocked (see README.md, 'A keyring on a server')."
)


class StoreFile(Enum):
    NEW = auto()  # missing or empty: ours to create
    PLAINTEXT = auto()  # an SQLite file from before encryption
    ENCRYPTED = auto()  # anything else: SQLCipher shows nothing but its salt


def store_file_kind(path: Path) -> StoreFile:
    if not path.exists() or path.stat().st_size == 0:
        return StoreFile.NEW
    with path.open("rb") as file:
        header = file.read(len(PLAINTEXT_HEADER))
    return StoreFile.PLAINTEXT if header == PLAINTEXT_HEADER else StoreFile.ENCRYPTED


def store_id(path: Path) -> str:
    """The store's name in the keyring: its SQLCipher salt, in hex."""
    with path.open("rb") as file:
        return file.read(SALT_BYTES).hex()


def key_pragma(key: bytes) -> str:
    # The x'...' form is a raw key: SQLCipher skips its passphrase derivation.
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_encrypted(path: Path, key: bytes) -> sqlcipher.Connection:
    """A SQLCipher connection with its key set, before anything reads the file."""
    connection = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    connection.execute(key_pragma(key))
    return connection


def read_key(path: Path) -> bytes:
    """The key of the encrypted store at `path`, checked against the file; the file unchanged."""
    try:
        stored = keyring.get_password(KEYRING_SERVICE, store_id(path))
    except NoKeyringError as error:
        raise StoreError(NO_KEYRING.format(reason=error)) from error
    except KeyringError as error:
        raise StoreError(
            f"The OS keyring would not give the key of the store {path} ({error}). Unlock the "
            "keyring and start hoclient again; nothing was changed."
        ) from error
    if stored is None:
        raise StoreError(
            f"The file {path} is not a hoclient store, or it is encrypted with a key that is "
            "not in this computer's keyring (it was made on another computer or by another "
            "user, or its key was removed). hoclient cannot read it; nothing was changed."
        )
    try:
        key = bytes.fromhex(stored)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES or not _opens(path, key):
        raise StoreError(
            f"The key in this computer's keyring does not open the store {path}: the file was "
            "replaced, or the keyring entry was changed. Nothing was changed; restore the store "
            "from its backup or contact support."
        )
    return key


def _opens(path: Path, key: bytes) -> bool:
    connection = connect_encrypted(path, key)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        return False
    finally:
        connection.close()
    return True


def create_encrypted(path: Path) -> bytes:
    """Make a new, empty encrypted store at `path` and keep its key; the key."""
    key = secrets.token_bytes(KEY_BYTES)
    connection = connect_encrypted(path, key)
    try:
        # Switching to WAL writes the first page, and with it the salt that names the key.
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()
    try:
        save_key(path, key)
    except StoreError:
        _remove_with_journals(path)
        raise
    return key


def save_key(path: Path, key: bytes) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, store_id(path), key.hex())
    except NoKeyringError as error:
        raise StoreError(NO_KEYRING.format(reason=error)) from error
    except KeyringError as error:
        raise StoreError(
            f"The OS keyring refused to keep the store's key ({error}). Unlock the keyring "
            "and start hoclient again."
        ) from error


def _remove_with_journals(path: Path) -> None:
    for leftover in (path, *journals(path)):
        leftover.unlink(missing_ok=True)


def journals(path: Path) -> tuple[Path, Path, Path]:
    return (
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    )


def fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
