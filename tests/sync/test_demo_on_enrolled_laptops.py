"""`hoclient demo` on an enrolled laptop, as the acceptance scripts drive it: every case it
makes is in scope, so it stays on the laptop and reaches the team's other laptops (issue 6).
Run through the command line against a real uvicorn on loopback, for both centrals."""

import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from hoclient.cli import main
from hoclient.server.accounts import add_officer
from hoclient.server.app import create_app
from hoclient.server.central import Central
from hoclient.vocabulary import Role
from tests.sync.conftest import PASSWORD
from tests.sync.test_sync_cli import free_port


@pytest.fixture
def server(central: Central) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(central), host="127.0.0.1", port=port, log_level="error")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        while not running.started:
            assert thread.is_alive(), "uvicorn stopped before it started"
            thread.join(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(10)


def run(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


def dumped_cases(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], target: str
) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert run(monkeypatch, "dump", "--db", target) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)["housing_case"]
    return {str(row["id"]): row for row in rows}


def test_every_case_demo_makes_on_an_enrolled_laptop_is_open_and_reaches_the_teams_laptops(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    central: Central,
    server: str,
) -> None:
    for username in ("grace", "kofi"):
        add_officer(
            central, username=username, password=PASSWORD, role=Role.OFFICER, team_name="North"
        )
    first, second = str(tmp_path / "grace.sqlite"), str(tmp_path / "kofi.sqlite")
    for path, username in ((first, "grace"), (second, "kofi")):
        enrolled = run(
            monkeypatch, "enrol", "--db", path, "--server", server, "--username", username,
            stdin=PASSWORD + "\n",
        )  # fmt: skip
        assert enrolled == 0
    # Before every enrolled demo case was open, this made 7 open cases of 30 (on 3 Dec 2026).
    demo = run(
        monkeypatch, "demo", "--db", first, "--persons", "60", "--cases", "30", "--seed", "11"
    )
    assert demo == 0
    made = dumped_cases(monkeypatch, capsys, first)
    assert len(made) == 30

    assert run(monkeypatch, "sync", "--db", first) == 0
    assert run(monkeypatch, "sync", "--db", second) == 0

    on_first = dumped_cases(monkeypatch, capsys, first)
    on_second = dumped_cases(monkeypatch, capsys, second)
    assert set(on_first) == set(made), "the sync removed none of the laptop's own demo cases"
    assert set(on_second) == set(made), "a colleague's laptop receives every one"
    assert all(row["status"] == "OPEN" and row["closed_on"] is None for row in on_second.values())
