"""Opening a store: the file, its migrations, and the sessions services use."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from hoclient.store.engine import check_readable, open_engine, session_factory
from hoclient.store.errors import StoreError
from hoclient.store.migrate import upgrade_store


@dataclass(frozen=True)
class Store:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on any exception."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path) -> Store:
    """Open (or create) the store at `path` and bring its schema up to date.

    Raises StoreError, whose message an officer can act on, if the file cannot be used.
    """
    path = path.expanduser()
    if path.exists() and path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file.")
    migration_engine = open_engine(path, enforce_foreign_keys=False)
    try:
        check_readable(migration_engine)
        upgrade_store(migration_engine)
    except StoreError:
        raise
    except Exception as error:
        raise StoreError(f"Cannot prepare the store {path}: {error}") from error
    finally:
        migration_engine.dispose()
    engine = open_engine(path)
    return Store(path=path, engine=engine, sessions=session_factory(engine))
