"""Every synced row, as one JSON-ready object: table -> rows sorted by id.

The same on a laptop and at the centre, so the two can be compared. Only synced tables are
dumped, so purely local state (outbox, settings, search index) never appears. An append-only
row has no version column; it is never changed, so it is reported as version 1. Push-only
tables (the audit trail) are left out: each laptop holds only its own events, so they would
never compare equal; the audit view reads them.
"""

from sqlalchemy import Connection, select

from hoclient.models.sync_codec import PUSH_ONLY_TABLES, encode_row, synced_tables
from hoclient.server.protocol import Row


def dump_synced_rows(connection: Connection) -> dict[str, list[Row]]:
    dumped: dict[str, list[Row]] = {}
    for name, table in sorted(synced_tables().items()):
        if name in PUSH_ONLY_TABLES:
            continue
        rows = []
        for row in connection.execute(select(table).order_by(table.c.id)):
            encoded = encode_row(table, row._asdict())
            encoded.setdefault("version", 1)
            rows.append(encoded)
        # Sorted by the id's text, the same order on every database.
        dumped[name] = sorted(rows, key=lambda item: str(item["id"]))
    return dumped
