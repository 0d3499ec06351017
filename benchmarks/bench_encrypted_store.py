"""The encrypted store against the plaintext one, same data, same run, at 100k persons / 20k cases.

    .venv/bin/python benchmarks/bench_encrypted_store.py [--db PLAIN_PATH] [--queries 30]
        [--repeats 3]

Builds (once) a plaintext store with --dev-plain-store's path through open_store, then each run
copies it and encrypts the copy the way a laptop's first start does (timed), so both stores
hold the same pages. Then, alternating plain and encrypted to share out the machine's load:
bench_search's searches of every kind, My caseload's pages and counts, and opening a case as
the case window does (header, household, notes, duties). Last, opening a store: SQLCipher with
a raw key, with a passphrase (SQLCipher 4's default key derivation), and plain SQLite.

The keys live in an in-memory keyring for the run; the default store path is this script's
own, so the plaintext store other benchmarks may keep in /tmp/hoclient-bench is never touched.
"""

import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import keyring
import sqlcipher3.dbapi2 as sqlcipher
from bench_search import queries
from benchlib import bench_store, machine, print_table, time_ms
from keyring.backend import KeyringBackend
from sqlalchemy import select

from hoclient.models import HousingCase
from hoclient.services.case_notes import notes_of
from hoclient.services.caseload import CaseloadQuery, CaseloadScope, CaseloadSort, caseload_page
from hoclient.services.cases import open_case
from hoclient.services.clock import today_in_london
from hoclient.services.decisions import duty_view
from hoclient.services.households import household_of
from hoclient.services.officers import current_officer
from hoclient.services.search import search
from hoclient.store.handle import Store, open_store
from hoclient.store.store_key import key_pragma, read_key

DEFAULT_PLAIN = Path(tempfile.gettempdir()) / "hoclient-bench-encryption" / "plain-100k.sqlite"
TARGET_RATIO = 1.15


class RunKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def plain_store(path: Path, persons: int, cases: int, seed: int) -> None:
    bench_store(path, persons, cases, seed, dev_plain=True).close()


def best(action: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(wall ms, CPU ms): the fastest of `repeats` runs after a warm-up, as bench_search."""
    action()
    runs = [time_ms(action) for _ in range(repeats)]
    return min(w for w, _ in runs), min(c for _, c in runs)


def compare(
    rows: list[list[str]],
    label: str,
    actions: list[tuple[Callable[[], object], Callable[[], object]]],
    repeats: int,
) -> tuple[float, float]:
    """Median over `actions` of each side's best time; one table row; the (wall, CPU) ratios."""
    plain_wall, plain_cpu, enc_wall, enc_cpu = [], [], [], []
    for on_plain, on_encrypted in actions:
        wall, cpu = best(on_plain, repeats)
        plain_wall.append(wall)
        plain_cpu.append(cpu)
        wall, cpu = best(on_encrypted, repeats)
        enc_wall.append(wall)
        enc_cpu.append(cpu)
    pw, pc = statistics.median(plain_wall), statistics.median(plain_cpu)
    ew, ec = statistics.median(enc_wall), statistics.median(enc_cpu)
    wall_ratio, cpu_ratio = ew / pw, ec / pc if pc else float("nan")
    rows.append(
        [
            label,
            f"{pw:.2f}",
            f"{ew:.2f}",
            f"{wall_ratio:.2f}x",
            f"{pc:.2f}",
            f"{ec:.2f}",
            f"{cpu_ratio:.2f}x",
            "yes" if min(wall_ratio, cpu_ratio) <= TARGET_RATIO else "NO",
        ]
    )
    return wall_ratio, cpu_ratio


def case_opening(store: Store, case_id: uuid.UUID) -> Callable[[], object]:
    def open_it() -> None:
        on = today_in_london()
        open_case(store, case_id)
        household_of(store, case_id, today=on)
        notes_of(store, case_id)
        duty_view(store, case_id, as_of=on)

    return open_it


def opening_times(plain: Path, encrypted: Path, runs: int) -> list[list[str]]:
    key = read_key(encrypted)
    passphrase_copy = encrypted.with_name("passphrase.sqlite")
    connection = sqlcipher.connect(str(passphrase_copy))
    connection.execute("PRAGMA key = 'a passphrase an officer might type'")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()

    def first_read(connect: Callable[[], object]) -> Callable[[], object]:
        def run() -> None:
            connection = connect()
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # type: ignore[attr-defined]
            connection.close()  # type: ignore[attr-defined]

        return run

    def raw_key() -> object:
        connection = sqlcipher.connect(str(encrypted))
        connection.execute(key_pragma(key))
        return connection

    def passphrase() -> object:
        connection = sqlcipher.connect(str(passphrase_copy))
        connection.execute("PRAGMA key = 'a passphrase an officer might type'")
        return connection

    rows = []
    for label, action in (
        ("plain SQLite: connect, first read", first_read(lambda: sqlite3.connect(plain))),
        ("SQLCipher, raw key: connect, key, first read", first_read(raw_key)),
        ("SQLCipher, passphrase (PBKDF2, 256,000 rounds)", first_read(passphrase)),
        (
            "open_store, plaintext (--dev-plain-store)",
            lambda: open_store(plain, dev_plain=True).close(),
        ),
        ("open_store, encrypted (key from the keyring)", lambda: open_store(encrypted).close()),
    ):
        walls = [time_ms(action)[0] for _ in range(runs)]
        rows.append([label, f"{statistics.median(walls):.1f}", f"{min(walls):.1f}"])
    passphrase_copy.unlink()
    return rows


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_PLAIN, metavar="PLAIN_PATH")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    keyring.set_keyring(RunKeyring())

    plain_path: Path = options.db
    plain_store(plain_path, options.persons, options.cases, options.seed)
    encrypted_path = plain_path.with_name("encrypted-copy.sqlite")
    for leftover in encrypted_path.parent.glob("encrypted-copy.sqlite*"):
        leftover.unlink()
    shutil.copyfile(plain_path, encrypted_path)
    print(machine())
    probe = sqlcipher.connect(":memory:")
    cipher = probe.execute("PRAGMA cipher_version").fetchone()[0]
    probe.close()
    print(f"SQLCipher {cipher} (SQLite {sqlcipher.sqlite_version}), sqlcipher3 wheel")
    size_mb = plain_path.stat().st_size / 1024 / 1024
    started = time.perf_counter()
    open_store(encrypted_path).close()  # the first start's one-off encryption
    took = time.perf_counter() - started
    print(f"Encrypting the {size_mb:,.0f} MB plaintext store once: {took:.1f} s")

    plain, encrypted = open_store(plain_path, dev_plain=True), open_store(encrypted_path)
    try:
        rows: list[list[str]] = []
        ratios: list[tuple[float, float]] = []
        by_kind = queries(plain, options.queries, options.seed)
        for kind, typed_list in by_kind.items():
            actions = [
                (lambda t=typed: search(plain, t), lambda t=typed: search(encrypted, t))
                for typed in typed_list
            ]
            ratios.append(compare(rows, f"search: {kind}", actions, options.repeats))

        officer = current_officer(plain)
        for label, query in (
            ("My caseload, open, newest first", CaseloadQuery()),
            ("My caseload, by applicant", CaseloadQuery(sort=CaseloadSort.APPLICANT)),
            ("All cases, open, newest first", CaseloadQuery(scope=CaseloadScope.ALL)),
            ("My caseload, filtered by 'ma'", CaseloadQuery(text="ma")),
        ):
            actions = [
                (
                    lambda q=query: caseload_page(plain, officer, q, 0, 200),
                    lambda q=query: caseload_page(encrypted, officer, q, 0, 200),
                )
            ]
            ratios.append(compare(rows, f"caseload page: {label}", actions, 20))

        with plain.begin() as session:
            case_ids = list(session.scalars(select(HousingCase.id)))
        chosen = random.Random(options.seed).sample(case_ids, options.queries)
        actions = [(case_opening(plain, c), case_opening(encrypted, c)) for c in chosen]
        ratios.append(compare(rows, "open a case (header, household, notes, duties)", actions, 3))

        print(
            f"\nPlain against encrypted, same data, ms (target: encrypted at most {TARGET_RATIO}x)"
        )
        print_table(
            [
                "what",
                "plain",
                "encrypted",
                "ratio",
                "plain CPU",
                "enc. CPU",
                "CPU ratio",
                "on target",
            ],
            rows,
        )
        walls = [w for w, _ in ratios]
        cpus = [c for _, c in ratios]
        print(
            f"\nRatio across all rows: wall median {statistics.median(walls):.2f}x "
            f"(max {max(walls):.2f}x), CPU median {statistics.median(cpus):.2f}x "
            f"(max {max(cpus):.2f}x)"
        )
    finally:
        plain.close()
        encrypted.close()

    print("\nOpening a store, ms (10 runs: median, fastest)")
    print_table(["how", "median", "fastest"], opening_times(plain_path, encrypted_path, 10))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
