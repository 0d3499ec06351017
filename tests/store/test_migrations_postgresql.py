"""The same Alembic history builds the central PostgreSQL database (DESIGN.md, Data)."""

import os
import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Connection, create_engine, inspect
from sqlalchemy.exc import OperationalError

from hoclient.store.migrate import alembic_config, current_revision, head_revision

POSTGRES_URL = os.environ.get(
    "HOCLIENT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def postgres(request: pytest.FixtureRequest) -> Iterator[Connection]:
    """A connection whose search_path is a fresh schema, dropped afterwards."""
    engine = create_engine(POSTGRES_URL)
    try:
        connection = engine.connect()
    except OperationalError as error:
        engine.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI and cannot be reached: {error}")
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}")
    schema = f"hoclient_test_{uuid.uuid4().hex[:12]}"
    connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    connection.exec_driver_sql(f'SET search_path TO "{schema}"')
    connection.commit()
    try:
        yield connection
    finally:
        connection.rollback()
        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        connection.commit()
        connection.close()
        engine.dispose()


def test_the_migrations_build_postgresql_without_drift(postgres: Connection) -> None:
    with postgres.begin():
        command.upgrade(alembic_config(postgres), "head")
        assert current_revision(postgres) == head_revision()
        tables = set(inspect(postgres).get_table_names())
        command.check(alembic_config(postgres))
    assert {"person", "housing_case", "household_member", "case_note"} <= tables
    # The laptop's FTS index is SQLite only; the centre has no such tables.
    assert not {name for name in tables if name.startswith("person_search")}
