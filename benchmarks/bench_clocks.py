"""Working out the stored clocks of the cases a first sync brings (issue 6: 2,000 cases).

    .venv/bin/python benchmarks/bench_clocks.py [--db PATH] [--runs 3] [--profile]

A laptop's first sync calls `refresh_clocks_of_cases` for every case it pulled, inside the
pull's transaction. This times that call over every case of a 10,000-person / 2,000-case demo
store, and `refresh_every_case_clock`, in a transaction that is rolled back each time, so the
store is left as it was. Each run prints a fingerprint of the rows written (every case_clock
and case_clock_replay column but `replayed_at`): a change that makes it faster must leave the
fingerprint as it was. The store is plaintext (`--dev-plain-store`): what is timed is Python
work, not page decryption, and a plaintext store needs no keyring.
"""

import argparse
import cProfile
import hashlib
import pstats
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from benchlib import bench_store, machine, print_table, summary, time_ms
from sqlalchemy import select
from sqlalchemy.orm import Session

from hoclient.models import CaseClock, CaseClockReplay, HousingCase
from hoclient.services.case_clocks import refresh_clocks_of_cases, refresh_every_case_clock
from hoclient.store.handle import Store

PERSONS = 10_000
CASES = 2_000
SEED = 2026
DEFAULT_STORE = Path(tempfile.gettempdir()) / "hoclient-bench" / "store-2k-plain.sqlite"


def options_given() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_STORE, metavar="PATH")
    parser.add_argument("--persons", type=int, default=PERSONS)
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each call")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of one refresh_clocks_of_cases"
    )
    return parser.parse_args()


def fingerprint(session: Session) -> str:
    """SHA-256 of every stored clock row and replay row, but the row id (SQLite picks it) and
    `replayed_at`."""
    digest = hashlib.sha256()
    columns = (
        CaseClock.case_id,
        CaseClock.kind,
        CaseClock.due_on,
        CaseClock.basis,
        CaseClock.decision_id,
        CaseClock.shown_from,
        CaseClock.shown_until,
    )
    for row in session.execute(select(*columns).order_by(*columns)):
        digest.update(repr(tuple(row)).encode())
    for row in session.execute(
        select(CaseClockReplay.case_id, CaseClockReplay.replayed_from).order_by(
            CaseClockReplay.case_id
        )
    ):
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()[:16]


def rolled_back(store: Store, action: Callable[[Session], object]) -> tuple[float, float, str]:
    """(wall ms, CPU ms, fingerprint) of `action` in a transaction that is then rolled back."""
    session = store.sessions()
    try:
        wall, cpu = time_ms(lambda: action(session))
        session.flush()
        return wall, cpu, fingerprint(session)
    finally:
        session.rollback()
        session.close()


def main() -> int:
    options = options_given()
    print(machine())
    store = bench_store(options.db, options.persons, options.cases, options.seed, dev_plain=True)
    try:
        with store.begin() as session:
            case_ids: list[uuid.UUID] = list(session.scalars(select(HousingCase.id)))
        print(f"{len(case_ids):,} cases in {options.db}\n")
        if options.profile:
            session = store.sessions()
            try:
                profile = cProfile.Profile()
                profile.runcall(refresh_clocks_of_cases, session, case_ids)
            finally:
                session.rollback()
                session.close()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        calls: list[tuple[str, Callable[[Session], object]]] = [
            (
                f"`refresh_clocks_of_cases`, {len(case_ids):,} cases",
                lambda s: refresh_clocks_of_cases(s, case_ids),
            ),
            ("`refresh_every_case_clock`", refresh_every_case_clock),
        ]
        rows = []
        for name, action in calls:
            rolled_back(store, action)  # warm SQLite's page cache and the statement caches
            samples = [rolled_back(store, action) for _ in range(options.runs)]
            prints = {sample[2] for sample in samples}
            wall_median, _, wall_max = summary([sample[0] for sample in samples])
            cpu_median, _, cpu_max = summary([sample[1] for sample in samples])
            rows.append(
                (
                    name,
                    f"{cpu_median:.0f}",
                    f"{cpu_max:.0f}",
                    f"{wall_median:.0f}",
                    f"{wall_max:.0f}",
                    str(options.runs),
                    ", ".join(sorted(prints)),
                )
            )
        print_table(
            (
                "call",
                "median CPU ms",
                "max CPU ms",
                "median wall ms",
                "max wall ms",
                "runs",
                "rows' fingerprint",
            ),
            rows,
        )
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
