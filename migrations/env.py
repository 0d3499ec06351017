"""One Alembic history for the laptop's SQLite and the central PostgreSQL (DESIGN.md, Data)."""

from typing import Any

from alembic import context
from sqlalchemy import Connection, create_engine

import hoclient.models  # noqa: F401  (registers every table on Base.metadata)
from hoclient.models.base import Base
from hoclient.store.search_index import is_search_index_object

config = context.config


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    # The FTS5 search index and its shadow tables exist only on a laptop, made by migrations
    # with raw SQL; autogenerate must not offer to drop them.
    return not (type_ == "table" and name is not None and is_search_index_object(name))


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite: move-and-copy; PostgreSQL: plain ALTER
        user_module_prefix="types.",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # handed over by hoclient.store.migrate inside its transaction
        run_with(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("Give the store: alembic -x db=sqlite:///path/to/store.sqlite ...")
    if "://" not in url:
        url = f"sqlite:///{url}"
    engine = create_engine(url)
    with engine.connect() as connection:
        run_with(connection)
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("hoclient migrations run online only.")
run()
