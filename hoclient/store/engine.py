"""The SQLite engine: WAL, foreign keys on, and real transactions around DDL and reads."""

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from hoclient.store.errors import StoreError

BUSY_TIMEOUT_MS = 5000
PAGE_CACHE_KIB = 32 * 1024


def open_engine(path: Path, *, enforce_foreign_keys: bool = True) -> Engine:
    """An engine on the store at `path`, creating the file (and its folder) if needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Cannot create the folder for the store {path}: {error.strerror}."
        ) from error
    engine = create_engine(f"sqlite:///{path}")

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
        dbapi_connection.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        # Ignored inside a transaction, so it is set here, once per connection.
        dbapi_connection.execute(f"PRAGMA foreign_keys={'ON' if enforce_foreign_keys else 'OFF'}")

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def check_readable(engine: Engine) -> None:
    """Raise StoreError with a plain message if the file is not an SQLite store we can open."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except Exception as error:
        original = getattr(error, "orig", error)
        url = engine.url.database
        if isinstance(original, sqlite3.OperationalError):
            # Permissions, a missing drive, a locked file: the file may be fine.
            raise StoreError(f"Cannot open the store {url}: {original}.") from error
        if isinstance(original, sqlite3.DatabaseError):
            raise StoreError(
                f"The file {url} is not a hoclient store, or it is damaged ({original})."
            ) from error
        raise StoreError(f"Cannot open the store {url}: {original}.") from error


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # Services hand out frozen views, so objects need not reload after commit.
    return sessionmaker(engine, expire_on_commit=False)
