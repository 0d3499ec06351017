"""The `hoclient` command: the app, and sub-commands for scripts, tests and support staff."""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from hoclient import __version__
from hoclient.casework_cli import add_casework_parser, run_casework
from hoclient.deadlines_cli import add_deadlines_parser, run_deadlines
from hoclient.letters_cli import add_letter_parser, run_letter
from hoclient.store.errors import StoreError
from hoclient.store.paths import default_store_path
from hoclient.sync_cli import add_sync_parsers, run_sync_command


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"hoclient: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="hoclient",
        description="Casework for Housing Options teams. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"hoclient {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help=f"the store to open (default: {default_store_path()})",
    )
    parser.add_argument(
        "--dev-plain-store",
        action="store_true",
        help="development only: open (or make) an UNENCRYPTED store, for the app and demo",
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    demo = commands.add_parser(
        "demo",
        help="fill an empty store with generated, fictional households and cases "
        "(a store that already holds people or cases is refused)",
    )
    demo.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        dest="demo_db",
        help="the store to fill (default: the app's store)",
    )
    demo.add_argument(
        "--persons",
        type=_positive_int,
        default=1200,
        metavar="N",
        help="people to make, applicants and household members (default 1200)",
    )
    demo.add_argument(
        "--cases", type=_positive_int, default=400, metavar="M", help="cases to make (default 400)"
    )
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="leave a store that already holds people or cases as it is, and succeed",
    )
    add_casework_parser(commands)
    add_deadlines_parser(commands)
    add_letter_parser(commands)
    add_sync_parsers(commands)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        if arguments.command == "demo":
            return _demo(arguments)
        if arguments.command == "casework":
            return run_casework(arguments)
        if arguments.command == "deadlines":
            return run_deadlines(arguments)
        if arguments.command == "letter":
            return run_letter(arguments)
        if (code := run_sync_command(arguments)) is not None:
            return code
        return _app(arguments.db or default_store_path(), dev_plain=arguments.dev_plain_store)
    except StoreError as error:
        print(f"hoclient: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _demo(arguments: argparse.Namespace) -> int:
    from hoclient.services.demo_data import fill_with_demo_data
    from hoclient.store.handle import open_store

    path = arguments.demo_db or arguments.db or default_store_path()
    store = open_store(path, dev_plain=arguments.dev_plain_store)
    try:
        return fill_with_demo_data(
            store,
            persons=arguments.persons,
            cases=arguments.cases,
            seed=arguments.seed,
            only_if_empty=arguments.if_empty,
            report=lambda line: print(line, flush=True),
        )
    finally:
        store.close()


def _app(path: Path, *, dev_plain: bool) -> int:
    # Qt is imported only when a window is wanted: sub-commands run on machines without it.
    from hoclient.ui.app import run_app_at

    return run_app_at(path, dev_plain=dev_plain)
