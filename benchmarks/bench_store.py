"""Build the 100k-person / 20k-case demo store and measure the build and the file's size.

    .venv/bin/python benchmarks/bench_store.py [--db PATH] [--replace]

The store it builds is the one the other benchmarks use (benchlib.DEFAULT_STORE).
"""

import resource
import sqlite3
import sys
import time
from pathlib import Path

from benchlib import arguments, machine, print_table

from hoclient.services.demo_data import fill_with_demo_data
from hoclient.store.handle import open_store

MB = 1024 * 1024


def files_of(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def sizes(path: Path) -> tuple[float, float]:
    """(main file, WAL) in MB; a missing WAL is 0."""
    main, wal, _shm = (p.stat().st_size / MB if p.exists() else 0.0 for p in files_of(path))
    return main, wal


def main() -> int:
    options = arguments(
        __doc__.splitlines()[0],
        lambda parser: parser.add_argument(
            "--replace", action="store_true", help="delete the store at --db and build it anew"
        ),
    )
    path: Path = options.db
    print(machine())
    if path.exists() and not options.replace:
        print(f"{path} exists: measuring its size only (--replace rebuilds it).")
    else:
        for file in files_of(path):
            file.unlink(missing_ok=True)
        started = time.perf_counter()
        store = open_store(path)
        opened = time.perf_counter()
        code = fill_with_demo_data(
            store,
            persons=options.persons,
            cases=options.cases,
            seed=options.seed,
            report=lambda line: print(line, file=sys.stderr, flush=True),
        )
        filled = time.perf_counter()
        main_mb, wal_mb = sizes(path)
        store.close()
        if code != 0:
            return code
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print_table(
            ["step", "seconds"],
            [
                ["create and migrate the empty store", f"{opened - started:.2f}"],
                [
                    f"fill: {options.persons:,} persons, {options.cases:,} cases",
                    f"{filled - opened:.1f}",
                ],
                ["peak memory of the process (MB)", f"{peak_mb:.0f}"],
                ["just after the fill: main file + WAL (MB)", f"{main_mb:.1f} + {wal_mb:.1f}"],
            ],
        )
        print()

    # A plain connection: the checkpoint must see no other reader holding the WAL.
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    main_mb, wal_mb = sizes(path)
    counts = {
        table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("person", "housing_case", "household_member", "case_note", "officer")
    }
    by_object = connection.execute(
        "SELECT CASE WHEN tbl_name LIKE 'person_search%' "
        "THEN 'name index (FTS5 and its key table)' ELSE tbl_name END, sum(pgsize) "
        "FROM dbstat JOIN sqlite_schema USING (name) "
        "GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    connection.close()
    print_table(
        ["store after checkpoint", "value"],
        [
            ["main file (MB)", f"{main_mb:.1f}"],
            ["WAL (MB)", f"{wal_mb:.1f}"],
            *([f"rows: {table}", f"{n:,}"] for table, n in counts.items()),
        ],
    )
    print()
    print_table(
        ["table with its indexes", "MB"],
        [[name, f"{size / MB:.1f}"] for name, size in by_object],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
