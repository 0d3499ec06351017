"""Bring a store up to the newest schema on start, in one transaction."""

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine

from hoclient.store.errors import StoreError
from hoclient.store.search_index import ensure_search_index


def migrations_dir() -> Path:
    """The Alembic scripts: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _is_known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade_store(engine: Engine) -> None:
    """Apply every pending migration, then make sure the search index is in place.

    The engine must have been opened with foreign keys off: batch migrations copy tables, and
    SQLite would refuse to drop a referenced table. PRAGMA foreign_key_check then proves the
    data still holds together before the transaction commits. It reads every table, so it runs
    only when a migration did: on every start it cost 0.8 s at 20k cases, 2.2 s encrypted
    (benchmarks/README.md), and foreign keys are enforced on every other connection.
    """
    with engine.begin() as connection:
        current = current_revision(connection)
        if current is not None and not _is_known(current):
            raise StoreError(
                f"This store was made by a newer hoclient (schema {current}). "
                "Update hoclient before opening it."
            )
        command.upgrade(alembic_config(connection), "head")
        migrated = current_revision(connection) != current
        broken = migrated and connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StoreError(
                f"The store failed its integrity check after upgrading ({len(broken)} broken "
                "links); nothing was changed. Contact support with this store file."
            )
        ensure_search_index(connection)
