"""The store builds itself from the one Alembic history and matches the models exactly."""

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from hoclient.store.engine import open_engine
from hoclient.store.errors import StoreError
from hoclient.store.handle import Store, open_store
from hoclient.store.migrate import alembic_config, current_revision, head_revision
from hoclient.store.store_key import read_key


def test_a_new_store_is_built_to_the_newest_schema(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new" / "store.sqlite")  # the folder is made too
    with store.engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        tables = set(inspect(connection).get_table_names())
    store.close()
    assert {"person", "housing_case", "household_member", "case_note", "officer", "team"} <= tables


def test_models_and_migrations_do_not_drift(store: Store) -> None:
    # `alembic check`: autogenerate compares the models with the migrated store and fails on
    # any difference, so a model change without its migration cannot land.
    with store.engine.begin() as connection:
        command.check(alembic_config(connection))


def test_the_store_runs_in_wal_mode_with_foreign_keys_enforced(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_opening_a_store_twice_changes_nothing(store_path: Path) -> None:
    open_store(store_path).close()
    before = store_path.read_bytes()
    reopened = open_store(store_path)
    with reopened.engine.connect() as connection:
        assert current_revision(connection) == head_revision()
    reopened.close()
    assert len(store_path.read_bytes()) == len(before)


def test_a_downgrade_and_upgrade_round_trip(store: Store) -> None:
    engine = open_engine(store.path, key=read_key(store.path), enforce_foreign_keys=False)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
        assert "person" not in inspect(connection).get_table_names()
        command.upgrade(alembic_config(connection), "head")
        command.check(alembic_config(connection))
    engine.dispose()


def test_a_store_from_a_newer_hoclient_is_refused_untouched(store_path: Path) -> None:
    open_store(store_path).close()
    engine = open_engine(store_path, key=read_key(store_path))
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(StoreError, match="newer hoclient"):
        open_store(store_path)
    engine = open_engine(store_path, key=read_key(store_path))
    with engine.connect() as connection:
        assert current_revision(connection) == "9999"
    engine.dispose()


def test_a_file_that_is_not_a_store_gives_a_plain_message(tmp_path: Path) -> None:
    not_a_store = tmp_path / "letter.sqlite"
    not_a_store.write_bytes(b"Dear applicant, this is not a database." * 100)
    with pytest.raises(StoreError, match="not a hoclient store"):
        open_store(not_a_store)
    assert not_a_store.read_bytes().startswith(b"Dear applicant")


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
