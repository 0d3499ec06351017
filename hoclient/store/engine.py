"""The SQLite engine: WAL, foreign keys on, and real transactions around DDL and reads.

A laptop's store is SQLCipher (given its key); a SQLite centre and a --dev-plain-store are
plain SQLite. Both get the same pragmas.
"""

import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from hoclient.store.errors import StoreError
from hoclient.store.store_key import connect_encrypted

BUSY_TIMEOUT_MS = 5000
PAGE_CACHE_KIB = 64 * 1024


def open_engine(
    path: Path, *, key: bytes | None = None, enforce_foreign_keys: bool = True
) -> Engine:
    """An engine on the store at `path`, creating the file (and its folder) if needed.

    With `key`, the store is SQLCipher's and every connection is keyed before any read.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Cannot create the folder for the store {path}: {error.strerror}."
        ) from error
    if key is None:
        # SQLCipher's SQLite without a key is plain SQLite: a development store runs the same
        # SQLite version as an encrypted one (pulled pages are read with its JSONB functions,
        # which the system's SQLite may be too old to have).
        engine = create_engine(f"sqlite:///{path}", module=sqlcipher)
    else:
        # The key must be the first statement a connection sees; SQLAlchemy's own first
        # queries (dialect initialisation) run before any "connect" listener of ours.
        engine = create_engine(
            f"sqlite:///{path}", module=sqlcipher, creator=lambda: connect_encrypted(path, key)
        )

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Python 3.11's sqlite3 sends no BEGIN before DDL or SELECT: we send our own (below),
        # or a failed migration would leave half its tables behind.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable in WAL mode against a process kill; only power loss can drop the
        # last commits, never corrupt the file.
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")
        # SQLite's default 2 MB page cache against a ~120 MB store at 20k cases sends sorted
        # caseload pages to the OS for every row; 32 MB halved them (benchmarks/README.md).
        # SQLCipher decrypts every page it reads from the OS, so small lookups cost ~2x with a
        # small cache; with 64 MB they cost what plain SQLite does (issue 7).
        dbapi_connection.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        # Ignored inside a transaction, so it is set here, once per connection.
        dbapi_connection.execute(f"PRAGMA foreign_keys={'ON' if enforce_foreign_keys else 'OFF'}")

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


@dataclass(frozen=True)
class StagingDatabase:
    """A private in-memory database on the stores' own SQLite, which a store's connection in
    the same process can ATTACH by its name: a pulled page is read and checked into it in
    another thread while the store takes the page before it. In memory only, so a page's
    casework is never written to disk unencrypted; it is freed when its connection closes."""

    uri: str
    connection: sqlcipher.Connection

    def attach_sql(self, alias: str) -> str:
        # KEY '': the store's key is not applied to it (an attached database takes the main
        # database's key by default).
        return f"ATTACH DATABASE '{self.uri}' AS {alias} KEY ''"


def staging_database() -> StagingDatabase:
    uri = f"file:hoclient-page-{uuid.uuid4().hex}?mode=memory&cache=shared"
    connection = sqlcipher.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    return StagingDatabase(uri, connection)


def check_readable(engine: Engine) -> None:
    """Raise StoreError with a plain message if the file is not an SQLite store we can open."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except Exception as error:
        original = getattr(error, "orig", error)
        url = engine.url.database
        if isinstance(original, sqlite3.OperationalError | sqlcipher.OperationalError):
            # Permissions, a missing drive, a locked file: the file may be fine.
            raise StoreError(f"Cannot open the store {url}: {original}.") from error
        if isinstance(original, sqlite3.DatabaseError | sqlcipher.DatabaseError):
            raise StoreError(
                f"The file {url} is not a hoclient store, or it is damaged ({original})."
            ) from error
        raise StoreError(f"Cannot open the store {url}: {original}.") from error


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # Services hand out frozen views, so objects need not reload after commit.
    return sessionmaker(engine, expire_on_commit=False)
