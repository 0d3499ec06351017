"""The laptop's name index: SQLite FTS5 over every person's current and previous names.

The index is derived data, local to a laptop (the central database has none), so it is not part
of the Alembic history: `ensure_search_index` (re)creates it after migrations. Triggers keep it
current whoever writes a person - a service, a sync pull, a bundle import - in the same
transaction as the change. A batch migration that copies `person` drops its triggers with the
old table; `ensure_search_index` puts them back, and a new INDEX_VERSION rebuilds the index.
"""

import re

from sqlalchemy import Column, Connection, Integer, MetaData, Table, Uuid

INDEX_VERSION = "1"
_VERSION_KEY = "search_index_version"

_metadata = MetaData()

# FTS5 rows need an integer rowid; person keys are UUIDs, and SQLite's own rowid of `person`
# may change on VACUUM or a batch migration. This table gives each person a stable one.
person_search_key = Table(
    "person_search_key",
    _metadata,
    Column("fts_rowid", Integer, primary_key=True),
    Column("person_id", Uuid, nullable=False, unique=True),
)

SEARCH_INDEX_TABLES = ("person_search", "person_search_key")


def is_search_index_object(table_name: str) -> bool:
    """True for the index's own tables and FTS5's shadow tables (person_search_data, ...)."""
    return table_name in SEARCH_INDEX_TABLES or table_name.startswith("person_search_")


# Everything a person is findable by name: current names, then live previous names.
_NAMES_OF = """
    (SELECT p.given_names || ' ' || p.family_name || ' ' || coalesce(
        (SELECT group_concat(n.given_names || ' ' || n.family_name, ' ')
           FROM person_previous_name AS n
          WHERE n.person_id = p.id AND n.deleted_at IS NULL), '')
       FROM person AS p WHERE p.id = {person_id})
"""

_REFRESH = """
    UPDATE person_search SET names = {names}
     WHERE rowid = (SELECT fts_rowid FROM person_search_key WHERE person_id = {person_id});
"""

_DDL = [
    """CREATE TABLE IF NOT EXISTS person_search_key (
           fts_rowid INTEGER PRIMARY KEY,
           person_id CHAR(32) NOT NULL UNIQUE)""",
    # unicode61 folds case and (with remove_diacritics 2) accents: "zoe" finds "Zoë".
    # Prefix indexes for 2 and 3 characters answer the commonest partial-name queries.
    """CREATE VIRTUAL TABLE IF NOT EXISTS person_search USING fts5(
           names, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    f"""CREATE TRIGGER IF NOT EXISTS person_search_after_insert AFTER INSERT ON person BEGIN
           INSERT INTO person_search_key (person_id) VALUES (new.id);
           INSERT INTO person_search (rowid, names) VALUES (
               (SELECT fts_rowid FROM person_search_key WHERE person_id = new.id),
               {_NAMES_OF.format(person_id="new.id")});
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS person_search_after_rename
           AFTER UPDATE OF given_names, family_name ON person BEGIN
           {_REFRESH.format(names=_NAMES_OF.format(person_id="new.id"), person_id="new.id")}
       END""",
    """CREATE TRIGGER IF NOT EXISTS person_search_after_delete AFTER DELETE ON person BEGIN
           DELETE FROM person_search
            WHERE rowid = (SELECT fts_rowid FROM person_search_key WHERE person_id = old.id);
           DELETE FROM person_search_key WHERE person_id = old.id;
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS person_search_after_previous_name_insert
           AFTER INSERT ON person_previous_name BEGIN
           {
        _REFRESH.format(
            names=_NAMES_OF.format(person_id="new.person_id"), person_id="new.person_id"
        )
    }
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS person_search_after_previous_name_update
           AFTER UPDATE ON person_previous_name BEGIN
           {
        _REFRESH.format(
            names=_NAMES_OF.format(person_id="new.person_id"), person_id="new.person_id"
        )
    }
           {
        _REFRESH.format(
            names=_NAMES_OF.format(person_id="old.person_id"), person_id="old.person_id"
        )
    }
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS person_search_after_previous_name_delete
           AFTER DELETE ON person_previous_name BEGIN
           {
        _REFRESH.format(
            names=_NAMES_OF.format(person_id="old.person_id"), person_id="old.person_id"
        )
    }
       END""",
]


def ensure_search_index(connection: Connection) -> None:
    """Create the index and its triggers if missing; rebuild it when INDEX_VERSION changed.

    Runs inside the caller's transaction (the migration runner's), so a crash half-way leaves
    the old index in place.
    """
    if connection.dialect.name != "sqlite":
        return
    for statement in _DDL:
        connection.exec_driver_sql(statement)
    built = connection.exec_driver_sql(
        "SELECT value FROM local_setting WHERE key = ?", (_VERSION_KEY,)
    ).scalar()
    if built != INDEX_VERSION:
        rebuild_search_index(connection)
        connection.exec_driver_sql(
            "INSERT INTO local_setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_VERSION_KEY, INDEX_VERSION),
        )


def rebuild_search_index(connection: Connection) -> None:
    """Index every person afresh (after a definition change, or to repair)."""
    connection.exec_driver_sql("DELETE FROM person_search")
    connection.exec_driver_sql(
        "INSERT OR IGNORE INTO person_search_key (person_id) SELECT id FROM person"
    )
    connection.exec_driver_sql(
        "DELETE FROM person_search_key WHERE person_id NOT IN (SELECT id FROM person)"
    )
    connection.exec_driver_sql(
        f"""INSERT INTO person_search (rowid, names)
            SELECT k.fts_rowid, {_NAMES_OF.format(person_id="k.person_id")}
              FROM person_search_key AS k"""
    )


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def name_match_expression(text: str) -> str | None:
    """An FTS5 MATCH for every word of `text` as a prefix ("gra oka" finds Grace Okafor).

    Words are quoted, so nothing the officer types is read as FTS5 syntax. None when the text
    holds no word at all.
    """
    words = _WORD.findall(text)
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)
