"""`hoclient deadlines --as-of DATE [--officer ID] [--kind KIND] [--json] [--db PATH]`.

Prints the Deadlines view of a store: every case's statutory clocks listed on a day, soonest
first. Bad input (a date, an officer no one or several answer to) exits 2 with one plain line;
a store that cannot be read exits 1. Qt is never imported.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from hoclient.casework.case_history import DeadlineKind
from hoclient.casework.case_history_json import parse_iso_date
from hoclient.services.duty_views import DeadlineRow
from hoclient.services.views import OfficerView
from hoclient.store.errors import StoreError
from hoclient.store.paths import default_store_path

INVALID = 2
DEADLINES_SCHEMA = "hoclient.deadlines/1"
_COLUMNS = ("Last day", "Days left", "", "Clock", "Case", "Applicant", "Officer", "Basis")


def add_deadlines_parser(subparsers: "argparse._SubParsersAction[Any]") -> None:
    parser = subparsers.add_parser(
        "deadlines",
        help="print every case's statutory deadlines on a day, soonest first",
        description="Every case's statutory clocks listed on a day, soonest first: overdue "
        "ones, and those due within 7 days, are marked.",
    )
    parser.add_argument(
        "--as-of", type=_iso_date, required=True, metavar="DATE", help="the day, YYYY-MM-DD"
    )
    parser.add_argument(
        "--officer",
        metavar="ID",
        help="only the cases assigned to this officer: their id, or their full name",
    )
    parser.add_argument(
        "--kind",
        action="append",
        choices=[kind.value for kind in DeadlineKind],
        metavar="KIND",
        help="only this kind of clock (repeat for more): "
        + ", ".join(kind.value for kind in DeadlineKind),
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        dest="deadlines_db",
        help="the store to read (default: the app's store)",
    )


def run_deadlines(arguments: argparse.Namespace) -> int:
    # The store (and SQLAlchemy) load only for this command: `hoclient casework` stays light.
    from sqlalchemy.exc import DBAPIError

    from hoclient.services.deadlines import deadlines, officers_answering_to
    from hoclient.services.errors import NotAllowed
    from hoclient.services.officers import current_officer
    from hoclient.store.handle import open_store

    path: Path = (arguments.deadlines_db or arguments.db or default_store_path()).expanduser()
    if not path.exists():
        # Opening would make a new, empty store: say so instead of printing nothing.
        raise StoreError(f"There is no store at {path}.")
    store = open_store(path)
    try:
        officer_id = None
        if arguments.officer is not None:
            matches = officers_answering_to(store, arguments.officer)
            if len(matches) != 1:
                return _invalid(_officer_problem(arguments.officer, matches))
            officer_id = matches[0].id
        kinds = {DeadlineKind(kind) for kind in arguments.kind} if arguments.kind else None
        rows = deadlines(
            store,
            current_officer(store),
            as_of=arguments.as_of,
            officer_id=officer_id,
            kinds=kinds,
        )
    except NotAllowed as refusal:
        return _invalid(str(refusal))
    except DBAPIError as error:
        raise StoreError(f"Cannot read the store {path}: {error.orig}") from error
    finally:
        store.close()
    if arguments.json:
        print(json.dumps(_as_json(arguments.as_of, rows), indent=2))
    else:
        print("\n".join(_as_table(arguments.as_of, rows)))
    return 0


def _officer_problem(asked: str, matches: Sequence[OfficerView]) -> str:
    if not matches:
        return f"no officer on this store is {asked!r}: give an officer's id or full name"
    named = "; ".join(f"{officer.display_name} ({officer.id})" for officer in matches)
    return f"{len(matches)} officers are called {asked!r}: give the id of one of them: {named}"


def _as_json(as_of: date, rows: Sequence[DeadlineRow]) -> dict[str, object]:
    return {
        "schema": DEADLINES_SCHEMA,
        "as_of": as_of.isoformat(),
        "deadlines": [
            {
                "case_id": str(row.case_id),
                "case_reference": row.reference,
                "applicant": row.applicant_name,
                "kind": row.kind.value,
                "label": row.label,
                "date": row.due_on.isoformat(),
                "days_left": row.days_left,
                "overdue": row.overdue,
                "due_soon": row.due_soon,
                "officer_id": str(row.officer_id) if row.officer_id else None,
                "officer": row.officer_name,
                "basis": row.basis,
            }
            for row in rows
        ],
    }


def _as_table(as_of: date, rows: Sequence[DeadlineRow]) -> list[str]:
    if not rows:
        return [f"No deadlines as of {as_of.isoformat()}."]
    overdue = sum(row.overdue for row in rows)
    soon = sum(row.due_soon for row in rows)
    heading = (
        f"Deadlines as of {as_of.isoformat()}: {len(rows)} "
        f"({overdue} overdue, {soon} due within 7 days)"
    )
    cells = [
        (
            row.due_on.isoformat(),
            str(row.days_left),
            "OVERDUE" if row.overdue else "due soon" if row.due_soon else "",
            row.label,
            row.reference,
            row.applicant_name,
            row.officer_name or "-",
            row.basis,
        )
        for row in rows
    ]
    widths = [max(len(text) for text in column) for column in zip(_COLUMNS, *cells, strict=True)]

    def line(texts: Sequence[str]) -> str:
        # Days left reads best right-aligned; the rest left.
        padded = [
            text.rjust(width) if number == 1 else text.ljust(width)
            for number, (text, width) in enumerate(zip(texts, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    return [heading, "", line(_COLUMNS), line(["-" * width for width in widths])] + [
        line(row) for row in cells
    ]


def _iso_date(text: str) -> date:
    parsed = parse_iso_date(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")
    return parsed


def _invalid(message: str) -> int:
    print(f"hoclient: {message}", file=sys.stderr)
    return INVALID
