"""Time to open the main window with My caseload shown, offscreen, at 100k persons / 20k cases.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_main_window.py [--db PATH]
        [--runs 5] [--picture main-window.png]

The first open pays for Qt's start (the QApplication, fonts, the style); later opens in the
same process show what a second window costs. Each is timed from the call that builds the
window to the moment the caseload's model holds rows, and, separately, to the moment the
count ("1,191 cases"), which a reader thread makes, is on screen.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics
import time
from pathlib import Path

from benchlib import arguments, bench_store, machine, print_table

TIMEOUT_S = 60.0


def main() -> int:
    options = arguments(
        __doc__.splitlines()[0],
        lambda parser: (
            parser.add_argument("--runs", type=int, default=5),
            parser.add_argument(
                "--picture", type=Path, help="save the first window, as drawn, to this PNG"
            ),
        ),
    )
    store = bench_store(options.db, options.persons, options.cases, options.seed)
    print(machine())

    started = time.perf_counter()
    # Imported here so the table shows what importing Qt and the UI costs on its own.
    from hoclient.ui.app import application, open_main_window

    app = application()
    imported_s = time.perf_counter() - started

    rows_ms: list[float] = []
    count_ms: list[float] = []
    shown_rows = 0
    count_text = ""
    for run in range(options.runs):
        started = time.perf_counter()
        window = open_main_window(store)
        window.show()
        model = window.caseload_view.model()
        while model.rowCount() == 0:
            app.processEvents()
            if time.perf_counter() - started > TIMEOUT_S:
                raise SystemExit("The caseload showed no rows within a minute.")
        rows_ms.append((time.perf_counter() - started) * 1000)
        label = window.caseload_page.count_label
        while not label.text() or label.text().startswith("Counting"):
            app.processEvents()
            time.sleep(0.0005)  # the count arrives from a reader thread
            if time.perf_counter() - started > TIMEOUT_S:
                raise SystemExit("The caseload's count did not arrive within a minute.")
        count_ms.append((time.perf_counter() - started) * 1000)
        shown_rows, count_text = model.rowCount(), label.text()
        if run == 0 and options.picture:
            app.processEvents()
            window.grab().save(str(options.picture))
        window.context.wait_for_workers()
        window.close()
        window.deleteLater()
        app.processEvents()

    print(
        f"Main window on {options.db.name}: {shown_rows} rows loaded, count {count_text!r}; "
        f"importing Qt and hoclient.ui took {imported_s * 1000:.0f} ms"
    )
    later = slice(1, None) if options.runs > 1 else slice(0, None)
    print_table(
        ["open", "to first rows (ms)", "to count shown (ms)"],
        [
            ["first (Qt starting)", f"{rows_ms[0]:.0f}", f"{count_ms[0]:.0f}"],
            [
                f"later, median of {len(rows_ms[later])}",
                f"{statistics.median(rows_ms[later]):.0f}",
                f"{statistics.median(count_ms[later]):.0f}",
            ],
        ],
    )
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
