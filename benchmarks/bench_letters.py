"""Time to render each letter kind to PDF bytes, standard and large print; target 50 ms each.

    .venv/bin/python benchmarks/bench_letters.py [--repeats 30]

Each kind is rendered once to warm the template cache and font registration (as in a running
app, where the first letter pays for them once), then `--repeats` times. The contexts are the
tests' filled-in samples (tests/letters/samples.py), the PHP with six steps over two pages.
"""

import argparse
import sys
from pathlib import Path

from benchlib import machine, print_table, summary, time_ms

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.letters.samples

from hoclient.letters import render_pdf
from tests.letters.samples import ALL_CONTEXTS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    repeats = parser.parse_args().repeats
    print(machine())
    rows = []
    every_wall: list[float] = []
    for kind_id, context in ALL_CONTEXTS.items():
        for large_print in (False, True):
            render_pdf(context, large_print=large_print)  # warm-up
            walls, cpus = [], []
            for _ in range(repeats):
                wall, cpu = time_ms(lambda c=context, lp=large_print: render_pdf(c, large_print=lp))
                walls.append(wall)
                cpus.append(cpu)
            every_wall += walls
            median, p95, _ = summary(walls)
            cpu_median, cpu_p95, _ = summary(cpus)
            size = len(render_pdf(context, large_print=large_print))
            rows.append(
                (
                    f"{kind_id}{' (large)' if large_print else ''}",
                    context.kind.code,
                    f"{median:.1f}",
                    f"{p95:.1f}",
                    f"{cpu_median:.1f}",
                    f"{cpu_p95:.1f}",
                    f"{size // 1024} KB",
                )
            )
    print_table(("letter", "code", "median ms", "p95 ms", "CPU median", "CPU p95", "PDF"), rows)
    median, p95, worst = summary(every_wall)
    print(f"\nall letters: median {median:.1f} ms, p95 {p95:.1f} ms, worst {worst:.1f} ms")


if __name__ == "__main__":
    main()
