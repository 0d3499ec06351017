"""Officers' central sign-in, and enrolling a device with it.

Passwords are kept as argon2id hashes. A device token is 256 random bits, so a SHA-256 of it
is enough to find the device without keeping the token itself.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, insert, select

from hoclient.models import OfficerCredential, SyncDevice
from hoclient.models.sync_codec import synced_tables, table_of
from hoclient.models.types import utc_now
from hoclient.server.central import Central
from hoclient.server.feed_writer import FeedWriter
from hoclient.server.scope import DeviceOfficer, RowScope
from hoclient.vocabulary import Role

_hasher = PasswordHasher()
# Verified when the username is unknown, so a wrong username costs the same time as a wrong
# password and does not reveal which usernames exist.
_DUMMY_HASH = _hasher.hash("not a password anyone has")
MIN_PASSWORD_LENGTH = 10

_officer = synced_tables()["officer"]
_team = synced_tables()["team"]
_credential = table_of(OfficerCredential)
_device = table_of(SyncDevice)


class AccountError(Exception):
    """Refused, in words an operator or officer can act on."""


@dataclass(frozen=True)
class Enrolment:
    device_id: uuid.UUID
    token: str
    officer_id: uuid.UUID
    officer_name: str
    team_id: uuid.UUID | None
    role: Role


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_officer(
    central: Central,
    *,
    username: str,
    password: str,
    role: Role,
    team_name: str,
    display_name: str | None = None,
) -> uuid.UUID:
    """Make an officer (and their team, if new) who can enrol devices; the officer's id."""
    username = username.strip()
    if not username:
        raise AccountError("Give a username.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if not team_name.strip():
        raise AccountError("Give the officer's team.")
    with central.write() as connection:
        if (
            connection.scalar(
                select(_credential.c.officer_id).where(_credential.c.username == username)
            )
            is not None
        ):
            raise AccountError(f"There is already an officer with the username {username}.")
        feed = FeedWriter.start(connection)
        now = utc_now()
        team_id = connection.scalar(
            select(_team.c.id).where(
                _team.c.name == team_name.strip(), _team.c.deleted_at.is_(None)
            )
        )
        if team_id is None:
            team_id = uuid.uuid4()
            connection.execute(
                insert(_team).values(
                    id=team_id, name=team_name.strip(), created_at=now, updated_at=now, version=1
                )
            )
            feed.moved("team", team_id, RowScope(None, None))
        officer_id = uuid.uuid4()
        connection.execute(
            insert(_officer).values(
                id=officer_id,
                display_name=(display_name or username).strip(),
                role=role,
                team_id=team_id,
                created_at=now,
                updated_at=now,
                version=1,
            )
        )
        feed.moved("officer", officer_id, RowScope(None, None))
        feed.flush()
        connection.execute(
            insert(_credential).values(
                officer_id=officer_id,
                username=username,
                password_hash=_hasher.hash(password),
                updated_at=now,
            )
        )
        return officer_id


def enrol_device(central: Central, *, username: str, password: str) -> Enrolment:
    """Check the officer's password and give a new device its token (shown once)."""
    with central.write() as connection:
        found = connection.execute(
            select(_credential.c.officer_id, _credential.c.password_hash).where(
                _credential.c.username == username.strip()
            )
        ).first()
        if not _password_matches(found.password_hash if found else _DUMMY_HASH, password):
            raise AccountError("That username and password do not match.")
        assert found is not None
        officer = connection.execute(
            select(_officer).where(_officer.c.id == found.officer_id)
        ).one()
        if officer.deleted_at is not None:
            raise AccountError("That officer can no longer sign in.")
        token = secrets.token_urlsafe(32)
        device_id = uuid.uuid4()
        connection.execute(
            insert(_device).values(
                id=device_id,
                officer_id=officer.id,
                token_sha256=token_hash(token),
                enrolled_at=utc_now(),
            )
        )
        return Enrolment(
            device_id, token, officer.id, officer.display_name, officer.team_id, officer.role
        )


def device_for_token(connection: Connection, token: str) -> DeviceOfficer | None:
    row = connection.execute(
        select(_device.c.id, _officer.c.id.label("officer_id"), _officer.c.team_id, _officer.c.role)
        .join(_officer, _officer.c.id == _device.c.officer_id)
        .where(
            _device.c.token_sha256 == token_hash(token),
            _device.c.revoked_at.is_(None),
            _officer.c.deleted_at.is_(None),
        )
    ).first()
    if row is None:
        return None
    return DeviceOfficer(row.id, row.officer_id, row.team_id, row.role)


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
