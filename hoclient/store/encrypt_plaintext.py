"""Encrypting a store made before encryption, once: new file, verify, swap, remove the old.

A crash at any step leaves either the old plaintext store (and the next start begins again)
or the finished encrypted one; never half of each. The old file's blocks may outlive the
unlink on the disk itself: full-disk encryption is what covers those.
"""

import os
import secrets
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from hoclient.store.errors import StoreError
from hoclient.store.store_key import (
    KEY_BYTES,
    connect_encrypted,
    fsync,
    journals,
    save_key,
)


def encrypt_plaintext_store(path: Path) -> bytes:
    """Replace the plaintext store at `path` by an encrypted copy of it; the new key."""
    encrypted = path.with_name(path.name + ".encrypting")
    for leftover in (encrypted, *journals(encrypted)):
        leftover.unlink(missing_ok=True)  # a crashed earlier attempt; the plaintext is intact
    key = secrets.token_bytes(KEY_BYTES)
    try:
        source = sqlcipher.connect(str(path), isolation_level=None)
    except sqlcipher.Error as error:
        raise StoreError(f"Cannot open the store {path} to encrypt it: {error}.") from error
    try:
        # Fold the WAL into the file and leave rollback mode, so no plaintext WAL outlives it.
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.execute("PRAGMA journal_mode=DELETE")
        quoted = str(encrypted).replace("'", "''")
        source.execute(f"ATTACH DATABASE '{quoted}' AS encrypted KEY \"x'{key.hex()}'\"")
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute("DETACH DATABASE encrypted")
        expected = _row_counts(source)
    except sqlcipher.Error as error:
        source.close()
        encrypted.unlink(missing_ok=True)
        raise StoreError(
            f"Could not encrypt the store {path} ({error}); it is unchanged. Check the disk has "
            "space and try again."
        ) from error
    source.close()
    _verify(encrypted, key, expected, path)
    fsync(encrypted)
    save_key(encrypted, key)  # before the swap: an encrypted store without its key is lost
    os.replace(encrypted, path)
    for journal in journals(path):
        journal.unlink(missing_ok=True)
    _fsync_folder(path.parent)
    return key


def _row_counts(connection: sqlcipher.Connection, schema: str = "main") -> dict[str, int]:
    tables = [
        name
        for (name,) in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {
        table: connection.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0]
        for table in tables
    }


def _verify(encrypted: Path, key: bytes, expected: dict[str, int], path: Path) -> None:
    connection = connect_encrypted(encrypted, key)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        counts = _row_counts(connection)
    except sqlcipher.Error as error:
        integrity, counts = [(str(error),)], {}
    finally:
        connection.close()
    if integrity != [("ok",)] or counts != expected:
        encrypted.unlink(missing_ok=True)
        raise StoreError(
            f"The encrypted copy of {path} did not match it, so the store was left as it was "
            "(unencrypted). Contact support with this store file."
        )


def _fsync_folder(folder: Path) -> None:
    # The rename itself must reach the disk, or a power cut could bring the old file back.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
