"""Giving changed rows their place in the pull feed, inside a serialised write transaction."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, func, insert, select

from hoclient.models import SyncFeed
from hoclient.models.sync_codec import table_of
from hoclient.server.scope import RowScope

_feed = table_of(SyncFeed)
_ID_BATCH = 500


@dataclass
class FeedWriter:
    """Collects the rows a transaction moved, and writes their feed entries in bulk (`flush`),
    one statement per few hundred rows rather than two per row."""

    connection: Connection
    next_seq: int
    _moved: dict[tuple[str, uuid.UUID], tuple[int, RowScope]] = field(default_factory=dict)

    @classmethod
    def start(cls, connection: Connection) -> "FeedWriter":
        """Only inside Central.write(): the lock there makes this maximum safe to build on."""
        highest = connection.scalar(select(func.coalesce(func.max(_feed.c.seq), 0)))
        return cls(connection, int(highest or 0) + 1)

    def moved(self, table_name: str, row_id: uuid.UUID, scope: RowScope) -> None:
        """The row changed: it moves to the feed's end, where every device will next see it."""
        self._moved.pop((table_name, row_id), None)  # re-inserted last: dicts keep order
        self._moved[(table_name, row_id)] = (self.next_seq, scope)
        self.next_seq += 1

    def flush(self) -> None:
        by_table: dict[str, list[uuid.UUID]] = defaultdict(list)
        for table_name, row_id in self._moved:
            by_table[table_name].append(row_id)
        for table_name, ids in by_table.items():
            for start in range(0, len(ids), _ID_BATCH):
                self.connection.execute(
                    delete(_feed).where(
                        _feed.c.table_name == table_name,
                        _feed.c.row_id.in_(ids[start : start + _ID_BATCH]),
                    )
                )
        rows = [
            {
                "table_name": table_name,
                "row_id": row_id,
                "seq": seq,
                "case_id": scope.case_id,
                "person_id": scope.person_id,
            }
            for (table_name, row_id), (seq, scope) in self._moved.items()
        ]
        if rows:
            self.connection.execute(insert(_feed), rows)
        self._moved.clear()
