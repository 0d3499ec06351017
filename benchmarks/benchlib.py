"""What the benchmarks share: the 100k/20k demo store, timing, and a table printer.

Figures, never asserts: DESIGN.md (Tests) keeps timings out of the test suite.
"""

import argparse
import datetime
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from hoclient.services.demo_data import fill_with_demo_data
from hoclient.store.handle import Store, open_store

# DESIGN.md, Tests: realistic scale is 100k persons in 20k cases.
PERSONS = 100_000
CASES = 20_000
SEED = 2026
DEFAULT_STORE = Path(tempfile.gettempdir()) / "hoclient-bench" / "store-100k.sqlite"


def arguments(description: str, extra: Callable[[argparse.ArgumentParser], None] | None = None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--db",
        type=Path,
        default=DEFAULT_STORE,
        metavar="PATH",
        help=f"the benchmark store, built if missing (default {DEFAULT_STORE})",
    )
    parser.add_argument("--persons", type=int, default=PERSONS)
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--seed", type=int, default=SEED)
    if extra:
        extra(parser)
    return parser.parse_args()


def machine() -> str:
    """One line for the figures' context: the machine was shared, so its load matters."""
    one, five, _fifteen = os.getloadavg()
    return (
        f"{datetime.date.today():%d %b %Y}, {os.cpu_count()} cores, load average {one:.2f} "
        f"(5 min {five:.2f}), Python {platform.python_version()}, stores on SQLCipher's SQLite "
        f"{sqlcipher.sqlite_version} (the system's {sqlite3.sqlite_version})"
    )


def bench_store(
    path: Path, persons: int, cases: int, seed: int, *, dev_plain: bool = False
) -> Store:
    """The store at `path`, filled with demo data first if it holds nothing yet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(path, dev_plain=dev_plain)
    code = fill_with_demo_data(
        store,
        persons=persons,
        cases=cases,
        seed=seed,
        only_if_empty=True,
        report=lambda line: print(line, file=sys.stderr, flush=True),
    )
    if code != 0:
        store.close()
        raise SystemExit(code)
    return store


def time_ms(action: Callable[[], object]) -> tuple[float, float]:
    """(wall-clock ms, this process's CPU ms) for one call of `action`.

    CPU time leaves out the time the process waited for a core, so it stays close to what the
    call costs on an idle laptop while other work shares the machine; waits for the disk are
    left out too, but after a warm-up the store is in the OS's cache.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: with 50 samples, p95 is the 48th smallest."""
    ordered = sorted(samples)
    rank = max(1, round(fraction * len(ordered) + 0.499999))
    return ordered[min(rank, len(ordered)) - 1]


def summary(samples: Sequence[float]) -> tuple[float, float, float]:
    """(median, p95, max) in the samples' unit."""
    return statistics.median(samples), percentile(samples, 0.95), max(samples)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Markdown table, so a run can be pasted into benchmarks/README.md as it is."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    print(line(headers))
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in cells:
        print(line(row))
