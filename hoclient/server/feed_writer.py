"""Giving changed rows their place in the pull feed, inside a serialised write transaction."""

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from hoclient.models import SyncFeed
from hoclient.models.sync_codec import table_of
from hoclient.server.scope import RowScope

_feed = table_of(SyncFeed)


@dataclass
class FeedWriter:
    connection: Connection
    next_seq: int

    @classmethod
    def start(cls, connection: Connection) -> "FeedWriter":
        """Only inside Central.write(): the lock there makes this maximum safe to build on."""
        highest = connection.scalar(select(func.coalesce(func.max(_feed.c.seq), 0)))
        return cls(connection, int(highest or 0) + 1)

    def moved(self, table_name: str, row_id: uuid.UUID, scope: RowScope) -> None:
        """The row changed: it moves to the feed's end, where every device will next see it."""
        values = {"seq": self.next_seq, "case_id": scope.case_id, "person_id": scope.person_id}
        self.next_seq += 1
        updated = self.connection.execute(
            update(_feed)
            .where(_feed.c.table_name == table_name, _feed.c.row_id == row_id)
            .values(**values)
        )
        if updated.rowcount == 0:
            self.connection.execute(
                insert(_feed).values(table_name=table_name, row_id=row_id, **values)
            )
