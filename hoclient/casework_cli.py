"""`hoclient casework replay FILE [--as-of DATE]`: the duty engine's conformance interface.

Reads a hoclient.case-history/1 JSON file and prints its hoclient.duty-state/1 (exit 0), or a
one-line reason naming the event at fault (exit 2). It needs no store and no Qt.
"""

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from hoclient.casework.case_history import CaseworkRefusal, replay
from hoclient.casework.case_history_json import (
    case_history_from_json,
    duty_state_to_json,
    parse_iso_date,
)

INVALID = 2


def add_casework_parser(subparsers: "argparse._SubParsersAction[Any]") -> None:
    casework = subparsers.add_parser("casework", help="the Part 7 duty engine, without a store")
    # The sub-parsers inherit the parent's class, so bad arguments exit 2 with one plain line.
    actions = casework.add_subparsers(dest="casework_command", metavar="{replay}", required=True)
    replay_parser = actions.add_parser(
        "replay",
        help="replay a JSON case history and print the duty state and its deadlines",
    )
    replay_parser.add_argument("file", type=Path, metavar="FILE", help="a case history (JSON)")
    replay_parser.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="DATE",
        help="the day to report on, YYYY-MM-DD (default: the last event's date)",
    )


def run_casework(arguments: argparse.Namespace) -> int:
    path: Path = arguments.file
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        return _invalid(f"cannot read {path}: {error.strerror or error}")
    except UnicodeDecodeError:
        return _invalid(f"{path} is not UTF-8 text")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        return _invalid(f"{path} is not valid JSON: {error}")
    except (ValueError, RecursionError):
        return _invalid(f"{path} is not JSON hoclient can read")
    try:
        state = replay(case_history_from_json(document), arguments.as_of)
    except CaseworkRefusal as refusal:
        return _invalid(f"{path}: {refusal}")
    print(json.dumps(duty_state_to_json(state), indent=2))
    return 0


def _iso_date(text: str) -> date:
    parsed = parse_iso_date(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")
    return parsed


def _invalid(message: str) -> int:
    print(f"hoclient: {message}", file=sys.stderr)
    return INVALID
