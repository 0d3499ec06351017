"""What a laptop remembers about sync, in its own store's local settings (never synced)."""

import uuid

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from hoclient.models import LocalSetting
from hoclient.models.sync_codec import table_of

CURSOR = "sync_cursor"
SERVER_URL = "sync_server_url"
DEVICE_ID = "sync_device_id"
LAST_SYNC_AT = "sync_last_at"
# Who works on this laptop (services/officers.py); the purge audits in their name.
CURRENT_OFFICER_KEY = "current_officer_id"

_settings = table_of(LocalSetting)


def read_setting(connection: Connection, key: str) -> str | None:
    return connection.scalar(select(_settings.c.value).where(_settings.c.key == key))


def write_setting(connection: Connection, key: str, value: str) -> None:
    statement = insert(_settings).values(key=key, value=value)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[_settings.c.key], set_={"value": statement.excluded.value}
        )
    )


def read_cursor(connection: Connection) -> int | None:
    value = read_setting(connection, CURSOR)
    return int(value) if value is not None else None


def read_device_id(connection: Connection) -> uuid.UUID | None:
    value = read_setting(connection, DEVICE_ID)
    return uuid.UUID(value) if value else None
