"""Opening a store: the file, its migrations, and the sessions services use."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from hoclient.store.encrypt_plaintext import encrypt_plaintext_store
from hoclient.store.engine import check_readable, open_engine, session_factory
from hoclient.store.errors import StoreError
from hoclient.store.migrate import upgrade_store
from hoclient.store.store_key import StoreFile, create_encrypted, read_key, store_file_kind


@dataclass(frozen=True)
class Store:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    # False only for a --dev-plain-store, which the app shows in red.
    encrypted: bool = True

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on any exception."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: Path, *, dev_plain: bool = False) -> Store:
    """Open (or create) the encrypted store at `path` and bring its schema up to date.

    Its key comes from the OS keyring; a new store gets a new key, and a store from before
    encryption is encrypted first. `dev_plain` (development only) opens a plaintext store.
    Raises StoreError, whose message an officer can act on, if the file cannot be used; a
    store that cannot be opened is left exactly as it was.
    """
    path = path.expanduser()
    if path.exists() and path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file.")
    key = None if dev_plain else store_key(path)
    migration_engine = open_engine(path, key=key, enforce_foreign_keys=False)
    try:
        check_readable(migration_engine)
        upgrade_store(migration_engine)
    except StoreError:
        raise
    except Exception as error:
        raise StoreError(f"Cannot prepare the store {path}: {error}") from error
    finally:
        migration_engine.dispose()
    engine = open_engine(path, key=key)
    return Store(
        path=path, engine=engine, sessions=session_factory(engine), encrypted=key is not None
    )


def store_key(path: Path) -> bytes:
    """The key of the store at `path`: read, made for a new store, or made by encrypting."""
    kind = store_file_kind(path)
    if kind is StoreFile.NEW:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"Cannot create the folder for the store {path}: {error.strerror}."
            ) from error
        return create_encrypted(path)
    if kind is StoreFile.PLAINTEXT:
        return encrypt_plaintext_store(path)
    return read_key(path)
