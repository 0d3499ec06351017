"""`hoclient letter list-kinds`, `hoclient letter render --history FILE --event N`, and
`hoclient letter render --case REF --letter KIND [--db PATH]`.

With --case, the letter is rendered from the store exactly as the app would issue it
(services/letters.py), signed by this laptop's officer, and nothing is issued. With --history it
renders the letter owed by event N (from 0) of a hoclient.case-history/1 file, needing no
store. The duty engine replays the history and gives every date the letter states (the last
day to ask for a review, the 56-day period, a review's due date, the appeal's last day); the
letters layer only writes them down. Bad input, or an event that owes no letter: one plain
line and exit 2.

The history may carry, beside what the engine reads (it ignores other keys):
    "applicant": {"name": ..., "address": [...]}, "officer": {"name", "role", "phone",
    "email"}, "council": {... as resources/letters/council.toml}, "case_reference": "...",
and on an event: "reasons" (text, or a list of {"finding", "reasons"}), and where its letter
needs them "placement": {"address": [...], "ends": date}, "warning": {"step", "take_by",
"support"}, "authorised_by": {"name", "role"}, "referral": {"other_council", ...},
"reviewer": "name and role". Defaults stand in for the applicant, officer and council; the
reasons for a decision against the applicant are never made up.
"""

import argparse
import json
import sys
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from hoclient.casework.case_history import CaseworkRefusal, replay
from hoclient.casework.case_history_json import case_history_from_json, parse_iso_date
from hoclient.letters.context import (
    Applicant,
    Finding,
    LetterContext,
    Officer,
    Placement,
    Referral,
    Warning,
)
from hoclient.letters.kinds import KINDS, LetterKind, letter_kind
from hoclient.letters.pdf import render_pdf
from hoclient.letters.settings import (
    LetterSettingsError,
    council_from,
    default_officer,
    load_settings,
)
from hoclient.letters.text import LetterContextError, LetterTemplateError
from hoclient.services.letter_facts import LetterFacts, facts_for, facts_problems
from hoclient.services.letter_owed import (
    LetterParts,
    LetterRefusal,
    findings_from_text,
    letter_kind_for,
)
from hoclient.services.letter_owed import letter_owed as shared_letter_owed

INVALID = 2

_DEFAULT_APPLICANT = {"name": "The Applicant", "address": ["Address not recorded"]}


def add_letter_parser(subparsers: "argparse._SubParsersAction[Any]") -> None:
    letter = subparsers.add_parser("letter", help="statutory letters as PDF")
    actions = letter.add_subparsers(
        dest="letter_command", metavar="{list-kinds,render}", required=True
    )
    actions.add_parser("list-kinds", help="every letter kind: its id and title, one a line")
    render = actions.add_parser(
        "render",
        help="render the letter owed by one event of a JSON case history (--history), or a "
        "case's letter from the store (--case); nothing is issued",
    )
    source = render.add_mutually_exclusive_group(required=True)
    source.add_argument("--history", type=Path, metavar="FILE", help="a case history (JSON)")
    source.add_argument("--case", metavar="REF", help="a case in the store, by its reference")
    render.add_argument(
        "--event", type=_event_index, metavar="N", help="with --history: the event, from 0"
    )
    render.add_argument(
        "--letter", metavar="KIND", help="with --case: the letter kind (see list-kinds)"
    )
    render.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        dest="letter_db",
        help="with --case: the store to read (default: the app's store)",
    )
    render.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    render.add_argument("--large-print", action="store_true", help="16 pt type throughout")
    # What three letters state that a stored case does not record (services/letter_facts.py).
    facts = render.add_argument_group(
        "with --case, what the letter states that the case does not record"
    )
    facts.add_argument(
        "--placement-address",
        action="append",
        default=[],
        metavar="LINE",
        help="s188(1ZA)(b) notice: a line of the placement's address (repeat for each line)",
    )
    facts.add_argument(
        "--placement-ends",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="s188(1ZA)(b) notice: the day the placement ends",
    )
    facts.add_argument("--warning-step", metavar="TEXT", help="relevant warning: the step")
    facts.add_argument(
        "--warning-take-by",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="relevant warning: the date to take the step by",
    )
    facts.add_argument(
        "--warning-support", metavar="TEXT", help="relevant warning: the help we offer"
    )
    facts.add_argument(
        "--other-council", metavar="TEXT", help="local connection referral: the other council"
    )


def run_letter(arguments: argparse.Namespace) -> int:
    if arguments.letter_command == "list-kinds":
        for kind in KINDS:
            print(f"{kind.id}\t{kind.code} {kind.title}")
        return 0
    if arguments.case is not None:
        if arguments.event is not None:
            return _invalid("--event goes with --history; with --case, name the --letter")
        if arguments.letter is None:
            return _invalid("--case needs --letter KIND (see `hoclient letter list-kinds`)")
        return _render_from_store(arguments)
    if arguments.letter is not None or arguments.letter_db is not None:
        return _invalid("--letter and --db go with --case; with --history, name the --event")
    if given := _facts_options_given(arguments):
        return _invalid(f"{given[0]} goes with --case; with --history, the event carries it")
    if arguments.event is None:
        return _invalid("--history needs --event N (the event, from 0)")
    path: Path = arguments.history
    try:
        document = _read_json(path)
    except LetterRefusal as refusal:
        return _invalid(f"{path}: {refusal}")
    try:
        context = letter_owed(document, arguments.event, default_reference=path.stem)
        pdf = render_pdf(context, large_print=arguments.large_print)
    except CaseworkRefusal as refusal:
        return _invalid(f"{path}: {refusal}")
    except (LetterRefusal, LetterContextError) as refusal:
        return _invalid(f"{path}: event {arguments.event}: {refusal}")
    except (LetterSettingsError, LetterTemplateError) as error:
        return _invalid(str(error))
    return _write(arguments.out, pdf, context.kind)


def _render_from_store(arguments: argparse.Namespace) -> int:
    # The store (and SQLAlchemy) load only for this mode: `--history` needs no store.
    from hoclient.services.clock import today_in_london
    from hoclient.services.errors import ServiceError
    from hoclient.services.letters import LetterDraft, case_id_for_reference, preview_letter
    from hoclient.services.officers import current_officer
    from hoclient.store.errors import StoreError
    from hoclient.store.handle import open_store
    from hoclient.store.paths import default_store_path

    path: Path = (arguments.letter_db or arguments.db or default_store_path()).expanduser()
    if not path.exists():
        raise StoreError(f"There is no store at {path}.")
    kind = letter_kind(arguments.letter)
    if kind is None:
        return _invalid(
            f"there is no letter kind {arguments.letter!r} (see `hoclient letter list-kinds`)"
        )
    stray = [
        option
        for option, name in _FACT_OPTIONS
        if option in _facts_options_given(arguments) and name not in facts_for(kind.id)
    ]
    if stray:
        return _invalid(f"{stray[0]} does not go with --letter {kind.id}")
    facts = _facts(arguments)
    problems = facts_problems(kind.id, facts, today=today_in_london())
    if problems:
        options = dict((name, option) for option, name in _FACT_OPTIONS)
        named = "; ".join(f"{options[name]}: {text}" for name, text in problems.items())
        return _invalid(f"case {arguments.case}: the {kind.id} letter needs {named}")
    store = open_store(path)
    try:
        officer = current_officer(store)
        case_id = case_id_for_reference(store, officer, arguments.case)
        draft = LetterDraft(case_id, kind.id, large_print=arguments.large_print, facts=facts)
        pdf = preview_letter(store, officer, draft, today=today_in_london())
    except ServiceError as refusal:
        return _invalid(f"case {arguments.case}: {refusal}")
    finally:
        store.close()
    return _write(arguments.out, pdf, kind)


# Each fact's option, and its LetterFacts field.
_FACT_OPTIONS = (
    ("--placement-address", "placement_address"),
    ("--placement-ends", "placement_ends"),
    ("--warning-step", "warning_step"),
    ("--warning-take-by", "warning_take_by"),
    ("--warning-support", "warning_support"),
    ("--other-council", "other_council"),
)


def _facts_options_given(arguments: argparse.Namespace) -> list[str]:
    return [option for option, name in _FACT_OPTIONS if getattr(arguments, name) not in (None, [])]


def _facts(arguments: argparse.Namespace) -> LetterFacts:
    return LetterFacts(
        placement_address=tuple(arguments.placement_address),
        placement_ends=arguments.placement_ends,
        warning_step=arguments.warning_step or "",
        warning_take_by=arguments.warning_take_by,
        warning_support=arguments.warning_support or "",
        other_council=arguments.other_council or "",
    )


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def _write(out: Path, pdf: bytes, kind: LetterKind) -> int:
    try:
        out.write_bytes(pdf)
    except OSError as error:
        return _invalid(f"cannot write {out}: {error.strerror or error}")
    print(f"{out}: {kind.id} ({kind.code}), {len(pdf)} bytes")
    return 0


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LetterRefusal(f"cannot read it: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise LetterRefusal("it is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise LetterRefusal(f"it is not valid JSON: {error}") from None
    except (ValueError, RecursionError):
        raise LetterRefusal("it is not JSON hoclient can read") from None


def letter_owed(document: object, index: int, *, default_reference: str) -> LetterContext:
    """The letter event `index` of the history owes, filled from the file and the engine."""
    history = case_history_from_json(document)
    replay(history)  # the whole history must be lawful, not just the part up to the event
    assert isinstance(document, dict)  # case_history_from_json refuses anything else
    kind = letter_kind_for(history, index)
    raw = document["events"][index]
    settings = load_settings()
    officer = default_officer(settings, _object(document, "officer"))
    parts = LetterParts(
        council=council_from(settings, _object(document, "council")),
        officer=officer,
        applicant=_applicant(document),
        case_reference=_reference(document, default_reference),
        reasons=_reasons(raw, kind),
    )
    # Only what this kind of letter states is read from the event: a missing part is named.
    if kind.id == "interim-accommodation-ends-no-priority-need":
        parts = replace(parts, placement=_placement(raw))
    elif kind.id == "relevant-warning":
        parts = replace(parts, warning=_warning(raw))
    elif kind.id == "non-cooperation-notice":
        parts = replace(parts, authorised_by=_authoriser(raw, officer))
    elif kind.id == "local-connection-referral":
        parts = replace(parts, referral=_referral(raw))
    elif kind.id in ("review-acknowledgement", "review-decision", "review-minded-to"):
        reviewer = raw.get("reviewer")
        parts = replace(parts, reviewer=reviewer if isinstance(reviewer, str) else None)
    return shared_letter_owed(history, index, parts)


def _reasons(raw: Mapping[str, object], kind: LetterKind) -> tuple[Finding, ...]:
    value = raw.get("reasons")
    if value is None:
        return ()
    if isinstance(value, str) and value.strip():
        return findings_from_text(kind, value)
    if (
        isinstance(value, list)
        and value
        and all(
            isinstance(item, dict)
            and isinstance(item.get("finding"), str)
            and isinstance(item.get("reasons"), str)
            for item in value
        )
    ):
        return tuple(Finding(item["finding"].strip(), item["reasons"].strip()) for item in value)
    raise LetterRefusal(
        "'reasons' must be text, or a list of objects with 'finding' and 'reasons' text"
    )


def _applicant(document: Mapping[str, object]) -> Applicant:
    values = {**_DEFAULT_APPLICANT, **_object(document, "applicant")}
    name, address = values.get("name"), values.get("address")
    if not isinstance(name, str) or not name.strip():
        raise LetterRefusal("'applicant' 'name' must be non-empty text")
    if not isinstance(address, list) or not all(isinstance(line, str) for line in address):
        raise LetterRefusal("'applicant' 'address' must be a list of lines of text")
    return Applicant(name.strip(), tuple(line.strip() for line in address if line.strip()))


def _reference(document: Mapping[str, object], default: str) -> str:
    value = document.get("case_reference", default)
    if not isinstance(value, str) or not value.strip():
        raise LetterRefusal("'case_reference' must be non-empty text")
    return value.strip()


def _placement(raw: Mapping[str, object]) -> Placement:
    values = _object(raw, "placement")
    address, ends = values.get("address"), parse_iso_date(values.get("ends"))
    if not isinstance(address, list) or not address or ends is None:
        raise LetterRefusal(
            'this s188(1ZA)(b) notice needs the placement: add "placement": '
            '{"address": [...], "ends": "YYYY-MM-DD"} to the event'
        )
    return Placement(tuple(str(line) for line in address), ends)


def _warning(raw: Mapping[str, object]) -> Warning:
    values = _object(raw, "warning")
    step, take_by = values.get("step"), parse_iso_date(values.get("take_by"))
    support = values.get("support", "Ask your officer for help with this step.")
    if not isinstance(step, str) or not step.strip() or take_by is None:
        raise LetterRefusal(
            'a relevant warning needs the step and its date: add "warning": '
            '{"step": "...", "take_by": "YYYY-MM-DD"} to the event'
        )
    return Warning(step.strip(), take_by, str(support))


def _authoriser(raw: Mapping[str, object], officer: Officer) -> Officer:
    values = _object(raw, "authorised_by")
    name, role = values.get("name"), values.get("role")
    if not isinstance(name, str) or not name.strip() or not isinstance(role, str):
        raise LetterRefusal(
            "a s193B notice is authorised by a second officer (SI 2018/223 reg 3): add "
            '"authorised_by": {"name": "...", "role": "..."} to the event'
        )
    if name.strip() == officer.name:
        raise LetterRefusal("the authorising officer must be someone other than the officer")
    return Officer(name.strip(), role.strip(), officer.phone, officer.email)


def _referral(raw: Mapping[str, object]) -> Referral:
    values = _object(raw, "referral")
    other = values.get("other_council")
    if not isinstance(other, str) or not other.strip():
        raise LetterRefusal(
            'a referral letter names the other council: add "referral": '
            '{"other_council": "..."} to the event'
        )
    return Referral(
        other.strip(),
        "relief",
        str(values.get("interim_accommodation", "Your officer will tell you.")),
        str(values.get("travel", "Your officer will tell you.")),
    )


def _object(values: Mapping[str, object], key: str) -> dict[str, object]:
    value = values.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LetterRefusal(f"{key!r} must be a JSON object")
    return value


def _event_index(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an event number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not an event number (they start at 0)")
    return value


def _invalid(message: str) -> int:
    print(f"hoclient: {message}", file=sys.stderr)
    return INVALID
