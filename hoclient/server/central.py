"""The central database: PostgreSQL in production, a SQLite file for a demo and fast tests.

Writers are serialised, so sequence numbers in the pull feed commit in the order they were
given (issue 6: "everything after N" loses rows when transactions commit out of order):
PostgreSQL takes a transaction-scoped advisory lock, SQLite takes its single write lock at
BEGIN IMMEDIATE. Readers take a snapshot (REPEATABLE READ; a deferred SQLite transaction).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from hoclient.store.engine import open_engine
from hoclient.store.errors import StoreError
from hoclient.store.migrate import alembic_config, upgrade_store

# Any fixed number: the key of the one lock every central writer takes.
SYNC_WRITE_LOCK = 0x686F636C  # "hocl"
_READ_ONLY = "hoclient_read_only"
SQLITE_BUSY_TIMEOUT_MS = 30000


@dataclass(frozen=True)
class Central:
    engine: Engine

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One serialised write transaction: commits at the end, rolls back on any error."""
        with self.engine.begin() as connection:
            if self.is_postgresql:
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SYNC_WRITE_LOCK})")
            yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for every query in the block."""
        options: dict[str, Any] = (
            {"isolation_level": "REPEATABLE READ"} if self.is_postgresql else {_READ_ONLY: True}
        )
        with (
            self.engine.connect().execution_options(**options) as connection,
            connection.begin(),
        ):
            yield connection

    def close(self) -> None:
        self.engine.dispose()


def central_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"{url!r} is not a database URL.") from None
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise StoreError(f"The central database must be PostgreSQL or a SQLite file, not {url}.")
    engine = create_engine(parsed)

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we send BEGIN ourselves (below)
        dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        # IMMEDIATE takes the write lock before the first read, so two writers can never both
        # read the highest sequence number and give out the same next one.
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def open_central(url: str) -> Central:
    """Connect to the central database and bring its schema to the newest revision."""
    engine = central_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SYNC_WRITE_LOCK})")
                command.upgrade(alembic_config(connection), "head")
        else:
            # A SQLite centre migrates as a laptop's store does: foreign keys off for batch
            # migrations, then checked.
            assert engine.url.database is not None
            migration_engine = open_engine(Path(engine.url.database), enforce_foreign_keys=False)
            try:
                upgrade_store(migration_engine)
            finally:
                migration_engine.dispose()
    except OperationalError as error:
        engine.dispose()
        raise StoreError(f"Cannot reach the central database: {error.orig}") from error
    return Central(engine)
