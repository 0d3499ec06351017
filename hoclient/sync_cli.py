"""Sync's commands, for operators and scripts (issue 6):

    hoclient serve --db URL [--host 127.0.0.1 --port 8765]     the central sync service
    hoclient admin add-officer --db URL --username U --role R --team T   (password on stdin)
    hoclient enrol --db PATH --server URL --username U                    (password on stdin)
    hoclient sync [--db PATH] [--server URL]
    hoclient visit mark|unmark [--db PATH] --case REF                     (online)
    hoclient dump --db PATH|URL
    hoclient conflicts list [--db PATH]
    hoclient case edit [--db PATH] --case REF --set FIELD=VALUE [--set ...]
    hoclient bundle export --case REF --out FILE [--db PATH]
    hoclient bundle import FILE [--db PATH]

It sits outside the layers, so it can compose services (the officer, case edits) with sync
and server, which may not import services.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hoclient.store.paths import default_store_path

FAILED = 1
INVALID = 2
DEFAULT_PORT = 8765


def add_sync_parsers(commands: "argparse._SubParsersAction[Any]") -> None:
    serve = commands.add_parser("serve", help="run the central sync service")
    serve.add_argument(
        "--db",
        dest="central_url",
        required=True,
        metavar="URL",
        help="the central database: postgresql+psycopg://... or sqlite:///FILE",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default 8765)")
    serve.add_argument("--ssl-certfile", metavar="FILE", help="TLS certificate (PEM)")
    serve.add_argument("--ssl-keyfile", metavar="FILE", help="TLS private key (PEM)")

    admin = commands.add_parser("admin", help="central administration")
    admin_actions = admin.add_subparsers(
        dest="admin_command", required=True, metavar="{add-officer}"
    )
    add_officer = admin_actions.add_parser(
        "add-officer", help="add an officer who can enrol laptops (password on standard input)"
    )
    add_officer.add_argument("--db", dest="central_url", required=True, metavar="URL")
    add_officer.add_argument("--username", required=True)
    add_officer.add_argument("--role", required=True, help="volunteer, officer, senior or admin")
    add_officer.add_argument("--team", required=True, help="the team's name (made if new)")
    add_officer.add_argument("--name", help="the officer's name as shown (default: username)")

    enrol = commands.add_parser(
        "enrol", help="sign this laptop in to a sync service (password on standard input)"
    )
    _store_option(enrol)
    enrol.add_argument("--server", required=True, metavar="URL")
    enrol.add_argument("--username", required=True)

    sync = commands.add_parser("sync", help="send this laptop's changes and receive the centre's")
    _store_option(sync)
    sync.add_argument("--server", metavar="URL", help="default: the one enrolled with")

    visit = commands.add_parser("visit", help="mark a case for your visit (online)")
    visit_actions = visit.add_subparsers(
        dest="visit_command", required=True, metavar="{mark,unmark}"
    )
    for action, words in (
        ("mark", "bring a case of any team to this laptop at next sync"),
        ("unmark", "take off a visit mark"),
    ):
        visit_parser = visit_actions.add_parser(action, help=words)
        _store_option(visit_parser)
        visit_parser.add_argument("--case", required=True, metavar="REF")

    dump = commands.add_parser("dump", help="print every synced row as JSON")
    dump.add_argument("--db", dest="dump_db", required=True, metavar="PATH|URL")

    conflicts = commands.add_parser("conflicts", help="changes made on two sides")
    conflict_actions = conflicts.add_subparsers(
        dest="conflicts_command", required=True, metavar="{list}"
    )
    _store_option(conflict_actions.add_parser("list", help="unresolved conflicts, as JSON"))

    case = commands.add_parser("case", help="change a case from the command line")
    case_actions = case.add_subparsers(dest="case_command", required=True, metavar="{edit}")
    edit = case_actions.add_parser("edit", help="set case or applicant fields, as the form would")
    _store_option(edit)
    edit.add_argument("--case", required=True, metavar="REF")
    edit.add_argument(
        "--set",
        dest="assignments",
        action="append",
        required=True,
        metavar="FIELD=VALUE",
        help="repeat for more fields",
    )

    bundle = commands.add_parser("bundle", help="carry a case to another laptop, offline")
    bundle_actions = bundle.add_subparsers(
        dest="bundle_command", required=True, metavar="{export,import}"
    )
    export = bundle_actions.add_parser("export", help="write one case to a bundle file")
    _store_option(export)
    export.add_argument("--case", required=True, metavar="REF")
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    load = bundle_actions.add_parser("import", help="merge a bundle file into this laptop")
    _store_option(load)
    load.add_argument("bundle_file", type=Path, metavar="FILE")


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        dest="store_path",
        type=Path,
        metavar="PATH",
        help=f"the laptop's store (default: {default_store_path()})",
    )


def run_sync_command(arguments: argparse.Namespace) -> int | None:
    """The exit code, or None if the command is not one of these."""
    command = arguments.command
    if command == "serve":
        return _serve(arguments)
    if command == "admin":
        return _add_officer(arguments)
    if command == "enrol":
        return _enrol(arguments)
    if command == "sync":
        return _sync(arguments)
    if command == "visit":
        return _visit(arguments)
    if command == "dump":
        return _dump(arguments)
    if command == "conflicts":
        return _conflicts(arguments)
    if command == "case":
        return _case_edit(arguments)
    if command == "bundle":
        return _bundle(arguments)
    return None


def _store_path(arguments: argparse.Namespace) -> Path:
    # `hoclient --db PATH sync` works as well as `hoclient sync --db PATH`.
    path: Path = arguments.store_path or arguments.db or default_store_path()
    return path


def _say(message: str) -> None:
    print(f"hoclient: {message}", file=sys.stderr)


def _password() -> str:
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _serve(arguments: argparse.Namespace) -> int:
    import uvicorn

    from hoclient.server.app import create_app
    from hoclient.server.central import open_central

    central = open_central(arguments.central_url)
    try:
        uvicorn.run(
            create_app(central),
            host=arguments.host,
            port=arguments.port,
            ssl_certfile=arguments.ssl_certfile,
            ssl_keyfile=arguments.ssl_keyfile,
            log_level="warning",
        )
    finally:
        central.close()
    return 0


def _add_officer(arguments: argparse.Namespace) -> int:
    from hoclient.server.accounts import AccountError, add_officer
    from hoclient.server.central import open_central
    from hoclient.vocabulary import Role

    wanted = arguments.role.strip().lower()
    role = next((r for r in Role if wanted in (r.name.lower(), r.value.lower())), None)
    if role is None:
        _say(f"{arguments.role!r} is not a role: volunteer, officer, senior or admin.")
        return INVALID
    password = _password()
    central = open_central(arguments.central_url)
    try:
        officer_id = add_officer(
            central,
            username=arguments.username,
            password=password,
            role=role,
            team_name=arguments.team,
            display_name=arguments.name,
        )
    except AccountError as error:
        _say(str(error))
        return INVALID
    finally:
        central.close()
    print(json.dumps({"officer_id": str(officer_id), "username": arguments.username}))
    return 0


def _enrol(arguments: argparse.Namespace) -> int:
    import httpx

    from hoclient.services.enrolment import EnrolmentFailed, enrol_this_laptop
    from hoclient.store.handle import open_store

    password = _password()
    store = open_store(_store_path(arguments))
    try:
        with httpx.Client(base_url=arguments.server, timeout=60) as client:
            enrolled = enrol_this_laptop(
                store, client, username=arguments.username, password=password
            )
    except EnrolmentFailed as error:
        _say(str(error))
        return FAILED
    finally:
        store.close()
    print(
        f"Enrolled as {enrolled.officer_name}, who can now sign in on this laptop offline. "
        f"{enrolled.sync_summary}"
    )
    return 0


def _sync(arguments: argparse.Namespace) -> int:
    import httpx

    from hoclient.services.sync_followups import refresh_derived_rows
    from hoclient.store.handle import open_store
    from hoclient.sync.credentials import NoDeviceToken
    from hoclient.sync.engine import SyncFailed, device_token, synchronise
    from hoclient.sync.settings import SERVER_URL, read_setting

    store = open_store(_store_path(arguments))
    try:
        with store.engine.connect() as connection:
            server = arguments.server or read_setting(connection, SERVER_URL)
        if not server:
            _say("This laptop is not enrolled: run hoclient enrol first.")
            return FAILED
        token = device_token(store.engine)
        with httpx.Client(base_url=server, timeout=120) as client:
            report = synchronise(store.engine, client, token, after_apply=refresh_derived_rows)
    except (SyncFailed, NoDeviceToken) as error:
        _say(str(error))
        return FAILED
    finally:
        store.close()
    print(report.summary())
    for refusal in report.refused:
        _say(f"refused: {refusal}")
    return 0


def _visit(arguments: argparse.Namespace) -> int:
    import httpx

    from hoclient.store.handle import open_store
    from hoclient.sync.credentials import NoDeviceToken
    from hoclient.sync.engine import SyncFailed, device_token, mark_for_visit
    from hoclient.sync.settings import SERVER_URL, read_setting

    store = open_store(_store_path(arguments))
    try:
        with store.engine.connect() as connection:
            server = read_setting(connection, SERVER_URL)
        if not server:
            _say("This laptop is not enrolled: run hoclient enrol first.")
            return FAILED
        with httpx.Client(base_url=server, timeout=60) as client:
            mark_for_visit(
                client,
                device_token(store.engine),
                arguments.case,
                marked=arguments.visit_command == "mark",
            )
    except (SyncFailed, NoDeviceToken) as error:
        _say(str(error))
        return FAILED
    finally:
        store.close()
    done = "marked for your visit" if arguments.visit_command == "mark" else "no longer marked"
    print(f"{arguments.case} {done}; run hoclient sync to bring it up to date.")
    return 0


def _dump(arguments: argparse.Namespace) -> int:
    from hoclient.store.handle import open_store
    from hoclient.sync.dump import dump_synced_rows

    target: str = arguments.dump_db
    if "://" in target:
        from hoclient.server.central import central_engine

        engine = central_engine(target)
        try:
            with engine.connect() as connection:
                dumped = dump_synced_rows(connection)
        finally:
            engine.dispose()
    else:
        store = open_store(Path(target))
        try:
            with store.engine.connect() as connection:
                dumped = dump_synced_rows(connection)
        finally:
            store.close()
    print(json.dumps(dumped, sort_keys=True))
    return 0


def _conflicts(arguments: argparse.Namespace) -> int:
    from hoclient.services.errors import ServiceError
    from hoclient.services.officers import current_officer
    from hoclient.services.sync_status import list_conflicts
    from hoclient.store.handle import open_store

    store = open_store(_store_path(arguments))
    try:
        conflicts = list_conflicts(store, current_officer(store))
    except ServiceError as error:
        _say(str(error))
        return INVALID
    finally:
        store.close()
    print(json.dumps([conflict.as_json() for conflict in conflicts], indent=2))
    return 0


def _case_edit(arguments: argparse.Namespace) -> int:
    from hoclient.services.case_edits import edit_case
    from hoclient.services.clock import today_in_london
    from hoclient.services.errors import ServiceError
    from hoclient.services.officers import current_officer
    from hoclient.store.handle import open_store

    typed: dict[str, str] = {}
    for assignment in arguments.assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not name.strip():
            _say(f"--set wants FIELD=VALUE, not {assignment!r}.")
            return INVALID
        typed[name.strip()] = value
    store = open_store(_store_path(arguments))
    try:
        edited = edit_case(
            store, current_officer(store), arguments.case, typed, today=today_in_london()
        )
    except ServiceError as error:
        _say(str(error))
        return INVALID
    finally:
        store.close()
    print(f"{edited.reference} saved.")
    return 0


def _bundle(arguments: argparse.Namespace) -> int:
    from hoclient.services.sync_followups import refresh_derived_rows
    from hoclient.store.handle import open_store
    from hoclient.sync.bundle import (
        NOT_SEALED_WARNING,
        BundleError,
        export_bundle,
        import_bundle,
    )

    store = open_store(_store_path(arguments))
    try:
        if arguments.bundle_command == "export":
            written = export_bundle(store, arguments.case, arguments.out)
            sealed = "encrypted" if written.sealed else "NOT encrypted"
            print(
                f"{arguments.case} written to {arguments.out} ({written.rows} records, {sealed})."
            )
            if not written.sealed:
                _say(f"warning: {arguments.out} is {NOT_SEALED_WARNING}")
        else:
            result = import_bundle(store, arguments.bundle_file, after_apply=refresh_derived_rows)
            print(result.summary())
    except BundleError as error:
        _say(str(error))
        return INVALID
    finally:
        store.close()
    return 0
