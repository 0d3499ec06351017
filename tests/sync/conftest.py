"""A central service (SQLite file, or PostgreSQL in its own schema) and laptops that sync to it.

Every test here that takes `central` runs twice: against a SQLite central and against the
real PostgreSQL on 127.0.0.1 (with CI=true an unreachable PostgreSQL fails, never skips).
"""

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from hoclient.server import accounts
from hoclient.server.accounts import add_officer
from hoclient.server.app import create_app
from hoclient.server.central import Central, open_central
from hoclient.services.officers import current_officer, set_current_officer
from hoclient.services.sync_followups import refresh_derived_rows
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store, open_store
from hoclient.sync.engine import SyncReport, device_token, enrol, synchronise
from hoclient.vocabulary import Role
from tests.sync.asgi import InProcessTransport

POSTGRES_URL = os.environ.get(
    "HOCLIENT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # The production argon2id settings cost ~0.2 s a hash by design; tests hash a lot.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose connections work in a fresh schema, dropped afterwards."""
    engine = create_engine(POSTGRES_URL)
    try:
        connection = engine.connect()
    except OperationalError as error:
        engine.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI and cannot be reached: {error}")
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}")
    schema = f"hoclient_sync_{uuid.uuid4().hex[:12]}"
    with connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        connection.commit()
    try:
        yield f"{POSTGRES_URL}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with engine.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            connection.commit()
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def central_url(
    request: pytest.FixtureRequest, tmp_path: Path, plain_migrated_template: Path
) -> str:
    if request.param == "sqlite":
        # The same migrations build a laptop's store and a SQLite centre: copy the built one.
        shutil.copyfile(plain_migrated_template, tmp_path / "central.sqlite")
        return f"sqlite:///{tmp_path / 'central.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def central(central_url: str) -> Iterator[Central]:
    opened = open_central(central_url)
    yield opened
    opened.close()


@pytest.fixture
def client(central: Central) -> Iterator[httpx.Client]:
    transport = InProcessTransport(create_app(central))
    with httpx.Client(transport=transport, base_url="http://testserver") as opened:
        yield opened


@dataclass
class Laptop:
    store: Store
    client: httpx.Client

    @property
    def officer(self) -> OfficerView:
        return current_officer(self.store)

    def sync(self, **options: object) -> SyncReport:
        token = device_token(self.store.engine)
        options.setdefault("after_apply", refresh_derived_rows)
        return synchronise(self.store.engine, self.client, token, **options)  # type: ignore[arg-type]


class Laptops:
    """Makes enrolled laptops: each a fresh store, signed in as an officer of a team."""

    def __init__(
        self, central: Central, client: httpx.Client, folder: Path, template: Path
    ) -> None:
        self.central, self.client, self.folder = central, client, folder
        self.template = template
        self.made: list[Laptop] = []
        self.officer_ids: dict[str, uuid.UUID] = {}

    def officer(self, username: str, team: str = "North", role: Role = Role.OFFICER) -> str:
        add_officer(self.central, username=username, password=PASSWORD, role=role, team_name=team)
        return username

    def enrolled(self, username: str) -> Laptop:
        laptop = self.enrolled_not_synced(username)
        laptop.sync()  # brings the officer's own row, so services can work as them
        with laptop.store.begin() as session:
            set_current_officer(session, self.officer_ids[username])
        return laptop

    def enrolled_not_synced(self, username: str) -> Laptop:
        """A new laptop enrolled as the officer, its first sync not yet run."""
        path = self.folder / f"laptop-{len(self.made)}.sqlite"
        shutil.copyfile(self.template, path)
        store = open_store(path)
        enrolment = enrol(store.engine, self.client, username=username, password=PASSWORD)
        self.officer_ids[username] = enrolment.officer_id
        laptop = Laptop(store, self.client)
        self.made.append(laptop)
        return laptop

    def close(self) -> None:
        for laptop in self.made:
            laptop.store.close()


@pytest.fixture
def laptops(
    central: Central, client: httpx.Client, tmp_path: Path, migrated_template: Path
) -> Iterator[Laptops]:
    made = Laptops(central, client, tmp_path, migrated_template)
    yield made
    made.close()
