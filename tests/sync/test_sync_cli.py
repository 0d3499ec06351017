"""The operators' and scripts' commands, end to end through a real uvicorn on loopback."""

import io
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from hoclient.cli import main
from hoclient.server.app import create_app
from hoclient.server.central import open_central
from hoclient.services.officers import current_officer
from hoclient.store.handle import open_store
from tests.services.helpers import approach_for, record
from tests.sync.conftest import PASSWORD


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def central_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'central.sqlite'}"


@pytest.fixture
def server(central_db: str) -> Iterator[str]:
    central = open_central(central_db)
    port = free_port()
    config = uvicorn.Config(create_app(central), host="127.0.0.1", port=port, log_level="error")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        while not running.started:
            thread.join(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(10)
        central.close()


def run(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


def add_officer(monkeypatch: pytest.MonkeyPatch, central_db: str, username: str) -> None:
    code = run(
        monkeypatch,
        "admin",
        "add-officer",
        "--db",
        central_db,
        "--username",
        username,
        "--role",
        "officer",
        "--team",
        "North",
        stdin=PASSWORD + "\n",
    )
    assert code == 0


@pytest.mark.slow
def test_two_laptops_edit_one_case_and_end_with_equal_dumps_and_the_conflict_listed(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    central_db: str,
    server: str,
) -> None:
    add_officer(monkeypatch, central_db, "grace")
    add_officer(monkeypatch, central_db, "kofi")
    first, second = str(tmp_path / "first.sqlite"), str(tmp_path / "second.sqlite")
    for path, username in ((first, "grace"), (second, "kofi")):
        code = run(
            monkeypatch,
            "enrol",
            "--db",
            path,
            "--server",
            server,
            "--username",
            username,
            stdin=PASSWORD + "\n",
        )
        assert code == 0
    store = open_store(Path(first))
    case = record(store, current_officer(store), approach_for())
    store.close()
    assert run(monkeypatch, "sync", "--db", first) == 0
    assert run(monkeypatch, "sync", "--db", second) == 0
    assert (
        run(
            monkeypatch,
            "case",
            "edit",
            "--db",
            first,
            "--case",
            case.reference,
            "--set",
            "town=Leeds",
            "--set",
            "applicant.phone=0113 496 0000",
        )
        == 0
    )
    assert (
        run(
            monkeypatch,
            "case",
            "edit",
            "--db",
            second,
            "--case",
            case.reference,
            "--set",
            "town=York",
        )
        == 0
    )
    for path in (first, second, first):
        assert run(monkeypatch, "sync", "--db", path) == 0
    capsys.readouterr()

    dumps = []
    for target in (first, second):
        assert run(monkeypatch, "dump", "--db", target) == 0
        dumps.append(json.loads(capsys.readouterr().out))
    assert dumps[0] == dumps[1]
    assert [row["town"] for row in dumps[0]["housing_case"]] == ["Leeds"]
    assert dumps[0]["person"][0]["phone"] == "0113 496 0000"
    assert all({"id", "version"} <= set(row) for rows in dumps[0].values() for row in rows)

    assert run(monkeypatch, "conflicts", "list", "--db", second) == 0
    (conflict,) = json.loads(capsys.readouterr().out)
    assert (conflict["case"], conflict["field"]) == (case.reference, "town")
    assert (conflict["mine"]["value"], conflict["theirs"]["value"]) == ("York", "Leeds")
    assert conflict["mine"]["by_name"] == "kofi" and conflict["theirs"]["by_name"] == "grace"

    assert run(monkeypatch, "dump", "--db", central_db) == 0
    central = json.loads(capsys.readouterr().out)
    assert central["housing_case"] == dumps[0]["housing_case"]


def test_a_bad_password_is_refused_and_nothing_is_enrolled(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    central_db: str,
    server: str,
) -> None:
    add_officer(monkeypatch, central_db, "grace")
    code = run(
        monkeypatch,
        "enrol",
        "--db",
        str(tmp_path / "l.sqlite"),
        "--server",
        server,
        "--username",
        "grace",
        stdin="wrong password\n",
    )
    assert code == 1
    assert "do not match" in capsys.readouterr().err
    assert run(monkeypatch, "sync", "--db", str(tmp_path / "l.sqlite")) == 1


def test_case_edit_refuses_what_the_form_refuses(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "l.sqlite"
    store = open_store(path)
    case = record(store, current_officer(store), approach_for())
    store.close()
    code = run(
        monkeypatch,
        "case",
        "edit",
        "--db",
        str(path),
        "--case",
        case.reference,
        "--set",
        "applicant.email=not-an-address",
    )
    assert code == 2
    assert "is not an email address" in capsys.readouterr().err
    code = run(
        monkeypatch,
        "case",
        "edit",
        "--db",
        str(path),
        "--case",
        case.reference,
        "--set",
        "colour=blue",
    )
    assert code == 2
    assert "not a field" in capsys.readouterr().err
