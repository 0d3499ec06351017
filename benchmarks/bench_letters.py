"""Time to render each letter kind to PDF bytes, standard and large print; target 50 ms each;
then issuing from a stored case (context from the store + render + SHA-256 + insert + outbox).

    .venv/bin/python benchmarks/bench_letters.py [--repeats 30]

Each kind is rendered once to warm the template cache and font registration (as in a running
app, where the first letter pays for them once), then `--repeats` times. The contexts are the
tests' filled-in samples (tests/letters/samples.py), the PHP with six steps over two pages.

Issuing runs on a fresh store holding generated cases (tests/letters/histories.py, recorded
through the decisions service): the per-letter work does not grow with the store, as a case's
records are read by their indexed case_id. `preview` is the dialog's render from the store;
`issue` adds the hash, the IssuedLetter row and its outbox entry, and the commit.
"""

import argparse
import sys
import tempfile
from pathlib import Path

import keyring
from benchlib import machine, print_table, summary, time_ms

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.letters.samples

from hoclient.letters import render_pdf
from hoclient.services.letters import LetterDraft, issue_letter, letter_preview
from hoclient.services.officers import current_officer
from hoclient.store.handle import open_store
from hoclient.vocabulary import LetterDelivery, Role
from tests.conftest import TODAY
from tests.letters.histories import HISTORIES
from tests.letters.samples import ALL_CONTEXTS
from tests.memory_keyring import MemoryKeyring
from tests.services.duty_helpers import add_officer
from tests.services.letter_helpers import store_history

# Letters from a stored case: a favourable and an adverse s184 decision, a notice ending a
# duty, the s193B notice (two officers) and the review decision (longest history).
ISSUED_KINDS = (
    "s184-prevention-duty",
    "s184-not-eligible",
    "relief-ended-refused-suitable-offer",
    "non-cooperation-notice",
    "review-decision",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--issuing-only", action="store_true", help="skip the render table")
    options = parser.parse_args()
    repeats = options.repeats
    print(machine())
    if options.issuing_only:
        bench_issuing(repeats)
        return
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
    print(f"\nall letters: median {median:.1f} ms, p95 {p95:.1f} ms, worst {worst:.1f} ms\n")
    bench_issuing(repeats)


def bench_issuing(repeats: int) -> None:
    # The store is encrypted, as an officer's is; its key is kept in memory, never in this
    # machine's keyring. Named explicitly: importing tests.memory_keyring makes its file-backed
    # keyring a candidate too, which needs a variable only its tests set.
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "store.sqlite")
        try:
            officer = current_officer(store)
            senior = add_officer(store, "Senior Officer", Role.SENIOR)
            rows = []
            for number, kind_id in enumerate(ISSUED_KINDS):
                case = store_history(
                    store, officer, HISTORIES[kind_id][0], senior=senior, family=f"Bench{number}"
                )
                draft = LetterDraft(case.case_id, kind_id)
                for name, action in (
                    ("preview", lambda d=draft: letter_preview(store, officer, d, today=TODAY)),
                    (
                        "issue",
                        lambda d=draft: issue_letter(
                            store, officer, d, LetterDelivery.POSTED, today=TODAY
                        ),
                    ),
                ):
                    action()  # warm-up
                    walls, cpus = [], []
                    for _ in range(repeats):
                        wall, cpu = time_ms(action)
                        walls.append(wall)
                        cpus.append(cpu)
                    median, p95, _ = summary(walls)
                    cpu_median, cpu_p95, _ = summary(cpus)
                    rows.append(
                        (
                            kind_id,
                            name,
                            f"{median:.1f}",
                            f"{p95:.1f}",
                            f"{cpu_median:.1f}",
                            f"{cpu_p95:.1f}",
                        )
                    )
        finally:
            store.close()
    print_table(
        ("letter from a stored case", "action", "median ms", "p95 ms", "CPU median", "CPU p95"),
        rows,
    )


if __name__ == "__main__":
    main()
