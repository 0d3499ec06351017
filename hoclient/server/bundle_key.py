"""The council's case-bundle key: 32 random bytes the centre makes once, handed to every
enrolled casework device, so laptops of one council can open each other's bundles offline
(DESIGN.md, Sync) and no one else can.

Several centres may run at once against one database, and two laptops may ask for the key
before it exists: the key is inserted with ON CONFLICT DO NOTHING and read back, so whichever
insert commits first is the key, and every caller returns that one.
"""

import secrets

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from hoclient.models import CentralSecret
from hoclient.models.sync_codec import table_of
from hoclient.models.types import utc_now
from hoclient.server.central import Central

BUNDLE_KEY = "bundle_key"
KEY_BYTES = 32  # AES-256
_secret = table_of(CentralSecret)


def council_bundle_key(central: Central) -> bytes:
    """The key, made now if this is the first time any centre was asked for it."""
    with central.read() as connection:
        known = _read(connection)
    if known is not None:
        return known
    # Not under the sync write lock: making the key must not queue behind pushes, and the
    # primary key, not a lock, decides which of two concurrent inserts wins.
    with central.engine.begin() as connection:
        dialect = postgresql if central.is_postgresql else sqlite
        connection.execute(
            dialect.insert(_secret)
            .values(name=BUNDLE_KEY, value=secrets.token_bytes(KEY_BYTES), created_at=utc_now())
            .on_conflict_do_nothing(index_elements=[_secret.c.name])
        )
        # PostgreSQL (READ COMMITTED here) reads the winner's committed row with a new
        # snapshot; SQLite's BEGIN IMMEDIATE already serialised the two transactions.
        made = _read(connection)
    if made is None or len(made) != KEY_BYTES:
        raise RuntimeError("The central database holds no usable bundle key.")
    return made


def _read(connection: Connection) -> bytes | None:
    value = connection.scalar(select(_secret.c.value).where(_secret.c.name == BUNDLE_KEY))
    return bytes(value) if value is not None else None
