"""Sync figures (issue 6, Measure), against a PostgreSQL centre on loopback:

- first sync of a scope of 2,000 cases (about 10k persons, their notes), against a raw bulk
  copy of the same rows (COPY ... TO STDOUT, and one SELECT per table) in the same run;
- incremental sync of 100 changes (target under 1 s);
- push of 10,000 outbox changes.

The centre is built once per run in its own schema (dropped after): demo data made on a
laptop store is copied in, every case put in the benchmark officer's team, open. It runs as
`hoclient serve` in a process of its own, as a centre does; the laptop talks HTTP to it on
127.0.0.1.

Beside COPY and one SELECT, a third yardstick copies the same rows raw into an empty laptop
store (the raw SELECT, then one INSERT per row in one transaction, no checks, no sync
bookkeeping): what writing them into an encrypted store costs with no sync at all.

    .venv/bin/python -m benchmarks.bench_sync [--postgres URL] [--cases 2000 --persons 10000]

Each run measures COPY and the raw SELECT just before its first syncs, and a first sync's
ratios are the medians of the runs' own ratios: the machine's speed drifts by half within an
hour, and a ratio of medians taken minutes apart moved with it.

Figures: benchmarks/README.md ("First sync", session 5). On 3 December 2026, without letters
(--no-letters, 44,175 rows): COPY 0.07 s; a raw SELECT 0.48-0.52 s; first sync 1.04-1.09 s
(2.0-2.4x a raw SELECT), with clocks 1.27-1.50 s (2.8-3.2x). With one issued letter a case
(46,182 rows, 95 MB of PDF): first sync 2.24 s (1.9x a raw SELECT of 1.15 s). Incremental
0.10-0.17 s; push of 10,000 6.0-6.2 s.
"""

import argparse
import hashlib
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
import keyring
import sqlcipher3.dbapi2 as sqlcipher
from keyring.backend import KeyringBackend
from sqlalchemy import Connection, create_engine, insert, select

from benchmarks.benchlib import machine, print_table
from hoclient.letters import render_pdf
from hoclient.models import HousingCase, Person, SyncFeed
from hoclient.models.sync_codec import synced_tables
from hoclient.server.accounts import add_officer
from hoclient.server.central import Central, open_central
from hoclient.server.protocol import PullRequest
from hoclient.server.scope import scope_of
from hoclient.services.demo_data import fill_with_demo_data
from hoclient.services.sync_followups import refresh_derived_rows
from hoclient.store.handle import Store, open_store
from hoclient.sync.engine import enrol, synchronise
from hoclient.vocabulary import CaseStatus, LetterDelivery, Role
from tests.letters.samples import ALL_CONTEXTS

PASSWORD = "benchmark password"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


def letters_for(reading: Connection) -> list[dict[str, object]]:
    """One issued letter a case (the demo issues none): a real s184 letter's PDF bytes, so the
    benchmark carries letters as the issue's scope does."""
    pdf = render_pdf(ALL_CONTEXTS["s184-prevention-duty"], large_print=False)
    case = synced_tables()["housing_case"]
    now = datetime.now(UTC)
    return [
        {
            "id": uuid.uuid4(),
            "created_at": now,
            "case_id": case_id,
            "kind_id": "s184-prevention-duty",
            "decision_id": None,
            "template_version": "benchmark",
            "pdf": pdf,
            "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
            "large_print": False,
            "issued_by": officer_id,
            "issued_at": now,
            "delivery": next(iter(LetterDelivery)),
            "reasons": None,
        }
        for case_id, officer_id in reading.execute(
            select(case.c.id, case.c.assigned_officer_id).where(
                case.c.assigned_officer_id.is_not(None)
            )
        )
    ]


def build_centre(
    central: Central, source_path: Path, persons: int, cases: int, *, letters: bool = True
) -> int:
    """Copy a demo store's rows into the centre, every case in the benchmark team; row count."""
    source = open_store(source_path)
    fill_with_demo_data(source, persons=persons, cases=cases, seed=2026, only_if_empty=True)
    add_officer(
        central, username="bench", password=PASSWORD, role=Role.OFFICER, team_name="Benchmark team"
    )
    with central.read() as connection:
        team_id = connection.scalar(
            select(synced_tables()["team"].c.id).where(
                synced_tables()["team"].c.name == "Benchmark team"
            )
        )
    copied = 0
    with source.engine.connect() as reading, central.write() as writing:
        seq = 1000
        feed_rows = []
        for table in synced_tables().values():
            rows = [row._asdict() for row in reading.execute(select(table))]
            if table.name == "issued_letter" and letters:
                rows += letters_for(reading)
            if table.name == "housing_case":
                for row in rows:
                    row["team_id"], row["status"], row["closed_on"] = team_id, CaseStatus.OPEN, None
            if table.name == "team":
                rows = [row for row in rows if row["name"] != "Benchmark team"]
            for start in range(0, len(rows), 2000):
                if rows[start : start + 2000]:
                    writing.execute(insert(table), rows[start : start + 2000])
            for row in rows:
                scope = scope_of(table, row)
                seq += 1
                feed_rows.append(
                    {
                        "table_name": table.name,
                        "row_id": row["id"],
                        "seq": seq,
                        "case_id": scope.case_id,
                        "person_id": scope.person_id,
                    }
                )
            copied += len(rows)
        for start in range(0, len(feed_rows), 5000):
            writing.execute(insert(SyncFeed.__table__), feed_rows[start : start + 5000])
    source.close()
    return copied


def raw_copy_seconds(url: str) -> tuple[float, float, float, int]:
    """(COPY ... TO STDOUT, one raw SELECT per table, one SQLAlchemy SELECT per table) seconds,
    and the rows, for the synced tables."""
    engine = create_engine(url)
    tables = [name for name in synced_tables() if name != "sync_conflict"]
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        started = time.perf_counter()
        with raw.cursor() as cursor:
            for name in tables:
                with cursor.copy(f"COPY (SELECT * FROM {name}) TO STDOUT") as copy:
                    for _block in copy:
                        pass
        copy_seconds = time.perf_counter() - started
        started = time.perf_counter()
        with raw.cursor() as cursor:
            for name in tables:
                cursor.execute(f"SELECT * FROM {name}")
                cursor.fetchall()
        raw_select_seconds = time.perf_counter() - started
        started = time.perf_counter()
        rows = 0
        for name in tables:
            rows += len(connection.execute(select(synced_tables()[name])).all())
        select_seconds = time.perf_counter() - started
    engine.dispose()
    return copy_seconds, raw_select_seconds, select_seconds, rows


def raw_select_into_store_seconds(url: str, path: Path) -> float:
    """Every synced table's rows, read by one raw SELECT each (as the yardstick above) and
    inserted one statement a row into an empty encrypted laptop store, in one transaction: no
    checks, no sync bookkeeping, values bound as psycopg gives them (UUIDs, days and instants
    as text). What writing these rows on a laptop costs with no sync at all."""
    sqlcipher.register_adapter(uuid.UUID, lambda value: value.hex)
    sqlcipher.register_adapter(date, date.isoformat)
    sqlcipher.register_adapter(datetime, datetime.isoformat)
    store = open_store(path)
    engine = create_engine(url)
    tables = [table for name, table in synced_tables().items() if name != "sync_conflict"]
    try:
        with engine.connect() as source, store.engine.connect() as target:
            raw = source.connection.dbapi_connection
            sqlite = target.connection.driver_connection
            started = time.perf_counter()
            # The store's migrations seed reference rows: the copy replaces them.
            target.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for table in tables:
                names = ", ".join(column.name for column in table.columns)
                with raw.cursor() as cursor:
                    cursor.execute(f"SELECT {names} FROM {table.name}")
                    rows = cursor.fetchall()
                marks = ", ".join("?" for _ in table.columns)
                sqlite.executemany(
                    f"INSERT OR REPLACE INTO {table.name} ({names}) VALUES ({marks})", rows
                )
            target.commit()
            return time.perf_counter() - started
    finally:
        engine.dispose()
        store.close()


def download_seconds(client: httpx.Client, token: str) -> float:
    """Every page of a first sync fetched over HTTP and dropped: the centre's side alone (the
    benchmark's own JSON parsing, to learn the next request, is not counted)."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    cursor: int | None = None
    held: list[uuid.UUID] = []
    spent = 0.0
    while True:
        started = time.perf_counter()
        response = client.post(
            "/v1/pull",
            content=PullRequest(cursor=cursor, held_case_ids=held).model_dump_json(),
            headers=headers,
        )
        spent += time.perf_counter() - started
        body = response.content
        if not body.startswith(b"{"):  # a page with bytes: the JSON's length, the JSON, blobs
            length, _newline, rest = body.partition(b"\n")
            body = rest[: int(length)]
        page = json.loads(body)
        cases = page["rows"].get("housing_case", {"columns": ["id"], "values": []})
        at = cases["columns"].index("id")
        held += [uuid.UUID(row[at]) for row in cases["values"]]
        cursor = page["cursor"]
        if not page["more"]:
            return spent


@dataclass
class Laptop:
    store: Store
    client: httpx.Client
    token: str
    officer_id: uuid.UUID

    def close(self) -> None:
        self.client.close()
        self.store.close()


def first_sync(address: str, path: Path, *, derived: bool) -> tuple[float, int, Laptop]:
    """A new laptop enrolled and synced for the first time: (seconds, rows, the laptop)."""
    laptop = open_store(path)
    client = httpx.Client(base_url=address, timeout=300)
    enrolment = enrol(laptop.engine, client, username="bench", password=PASSWORD)
    started = time.perf_counter()
    report = synchronise(
        laptop.engine,
        client,
        enrolment.token,
        **({"after_apply": refresh_derived_rows} if derived else {}),
    )
    seconds = time.perf_counter() - started
    return (
        seconds,
        report.pulled_rows,
        Laptop(laptop, client, enrolment.token, enrolment.officer_id),
    )


def serve(url: str) -> tuple[str, subprocess.Popen[bytes]]:
    """`hoclient serve` on the centre's database, in a process of its own (a centre is another
    machine: in the laptop's process it would share the laptop's interpreter)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = shutil.which("hoclient", path=str(Path(sys.executable).parent)) or "hoclient"
    server = subprocess.Popen(
        [command, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{address}/v1/health", timeout=1).raise_for_status()
            return address, server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("hoclient serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--cases", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5, help="first syncs of each kind")
    parser.add_argument(
        "--no-letters", action="store_true", help="leave out the letter a case (48 KB of PDF)"
    )
    options = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    folder = Path(tempfile.mkdtemp(prefix="hoclient-bench-sync-"))
    schema = f"bench_sync_{uuid.uuid4().hex[:8]}"
    admin = create_engine(options.postgres)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        connection.commit()
    url = f"{options.postgres}?options={quote(f'-csearch_path={schema}')}"
    central = open_central(url)
    try:
        copied = build_centre(
            central,
            folder / "source.sqlite",
            options.persons,
            options.cases,
            letters=not options.no_letters,
        )
        into_store_s = statistics.median(
            raw_select_into_store_seconds(url, folder / f"raw-copy-{run}.sqlite")
            for run in range(options.repeat)
        )
        address, server = serve(url)
        # Each run's yardsticks are measured just before its syncs, and each sync is compared
        # with its own run's: the machine's speed drifts by half within an hour, and a ratio
        # of medians taken minutes apart moved with it.
        baselines: list[tuple[float, float, float, int]] = []
        firsts: dict[bool, list[float]] = {False: [], True: []}
        downloads: list[float] = []
        laptops: list[Laptop] = []
        for run in range(options.repeat):
            baselines.append(raw_copy_seconds(url))
            for derived in (False, True):
                seconds, pulled, laptop = first_sync(
                    address, folder / f"laptop-{run}-{derived}.sqlite", derived=derived
                )
                firsts[derived].append(seconds)
                downloads.append(download_seconds(laptop.client, laptop.token))
                laptops.append(laptop)
        copy_s = statistics.median(b[0] for b in baselines)
        raw_select_s = statistics.median(b[1] for b in baselines)
        select_s = statistics.median(b[2] for b in baselines)
        raw_rows = baselines[0][3]
        for spare in laptops[:-1]:
            spare.close()
        laptop = laptops[-1]  # synced as the command line syncs
        with laptop.store.begin() as session:
            # The centre takes changes only in the enrolled officer's name.
            for case in session.scalars(select(HousingCase).limit(100)):
                case.town = "Benchmark town"
                case.updated_by = laptop.officer_id
        started = time.perf_counter()
        incremental = synchronise(
            laptop.store.engine, laptop.client, laptop.token, after_apply=refresh_derived_rows
        )
        incremental_s = time.perf_counter() - started

        with laptop.store.begin() as session:
            for person in session.scalars(select(Person).limit(10_000)):
                person.phone = "020 7946 0999"
                person.updated_by = laptop.officer_id
        started = time.perf_counter()
        bulk = synchronise(
            laptop.store.engine, laptop.client, laptop.token, after_apply=refresh_derived_rows
        )
        bulk_s = time.perf_counter() - started
        laptop.close()
        server.terminate()
        server.wait(10)
    finally:
        central.close()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            connection.commit()
        admin.dispose()

    download_s = statistics.median(downloads)
    print(machine())
    print(
        f"Centre: {copied:,} rows copied in ({options.cases:,} cases, {options.persons:,} persons)"
        f"; medians of {options.repeat} runs; a first sync's ratios are the medians of each run's"
        " sync against the yardsticks measured just before it"
    )

    def ratios(seconds: float) -> list[str]:
        return [
            f"{seconds:.2f}",
            f"{seconds / copy_s:.1f}×",
            f"{seconds / raw_select_s:.1f}×",
            f"{seconds / into_store_s:.1f}×",
        ]

    def paired(runs: list[float]) -> list[str]:
        """A first sync's median, and the medians of each run's ratio to that run's own
        yardsticks."""
        return [
            f"{statistics.median(runs):.2f}",
            f"{statistics.median(s / b[0] for s, b in zip(runs, baselines, strict=True)):.1f}×",
            f"{statistics.median(s / b[1] for s, b in zip(runs, baselines, strict=True)):.2f}×",
            f"{statistics.median(runs) / into_store_s:.1f}×",
        ]

    print_table(
        ["measure", "rows", "seconds", "× COPY", "× raw SELECT", "× raw SELECT into a store"],
        [
            ["COPY ... TO STDOUT, every synced table", f"{raw_rows:,}", *ratios(copy_s)],
            [
                "raw SELECT into an empty laptop store (no checks, no sync)",
                f"{raw_rows:,}",
                *ratios(into_store_s),
            ],
            ["one raw SELECT per table (psycopg fetchall)", f"{raw_rows:,}", *ratios(raw_select_s)],
            ["one SQLAlchemy SELECT per table", f"{raw_rows:,}", *ratios(select_s)],
            ["the centre's first-sync pages over HTTP", f"{pulled:,}", *ratios(download_s)],
            ["first sync, rows only (engine alone)", f"{pulled:,}", *paired(firsts[False])],
            [
                "first sync as `hoclient sync` runs it (+ clocks)",
                f"{pulled:,}",
                *paired(firsts[True]),
            ],
            [
                "incremental: push 100 changes, pull them back",
                f"{incremental.pushed:,}",
                f"{incremental_s:.2f}",
                "",
                "",
                "",
            ],
            [
                "push of 10,000 outbox changes (+ pull back)",
                f"{bulk.pushed:,}",
                f"{bulk_s:.2f}",
                "",
                "",
                "",
            ],
        ],
    )


if __name__ == "__main__":
    main()
