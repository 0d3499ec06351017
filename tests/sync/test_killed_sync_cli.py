"""The acceptance scripts' journey with real processes: a central `hoclient serve`, two laptops
enrolled with the CLI, demo cases on both, the same fields of one case edited on both, and
`hoclient sync` killed with SIGKILL at random moments. Synced to the end, both laptops hold the
same rows, every one as the centre has it, and the conflict is listed on both."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.sync.test_sync_cli import free_port
from tests.sync.tmp_keyring import FILE_VARIABLE

PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parents[2]
KILLS = 6


class Hoclient:
    """Runs `python -m hoclient ...` as a separate process, as a script would."""

    def __init__(self, folder: Path) -> None:
        self.environment = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "PYTHON_KEYRING_BACKEND": "tests.sync.tmp_keyring.TmpDirKeyring",
            FILE_VARIABLE: str(folder / "keyring.json"),
            "QT_QPA_PLATFORM": "offscreen",
        }

    def command(self, *argv: str) -> list[str]:
        return [sys.executable, "-m", "hoclient", *argv]

    def run(self, *argv: str, stdin: str = "") -> str:
        done = subprocess.run(
            self.command(*argv),
            input=stdin,
            capture_output=True,
            text=True,
            env=self.environment,
            cwd=ROOT,
            timeout=300,
        )
        assert done.returncode == 0, f"hoclient {' '.join(argv)}: {done.stderr}"
        return done.stdout

    def start(self, *argv: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*argv),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            env=self.environment,
            cwd=ROOT,
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def central_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def hoclient(tmp_path: Path) -> Hoclient:
    return Hoclient(tmp_path)


@pytest.fixture
def server(hoclient: Hoclient, central_url: str) -> Iterator[str]:
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    process = hoclient.start("serve", "--db", central_url, "--port", str(port))
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, "hoclient serve stopped"
            try:
                if httpx.get(f"{address}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "hoclient serve did not start"
            time.sleep(0.2)
        yield address
    finally:
        process.terminate()
        process.wait(30)


def dump(hoclient: Hoclient, target: str) -> dict[str, list[dict[str, object]]]:
    dumped: dict[str, list[dict[str, object]]] = json.loads(hoclient.run("dump", "--db", target))
    return dumped


@pytest.mark.slow
def test_syncs_killed_at_random_moments_end_with_both_laptops_as_the_centre(
    hoclient: Hoclient, server: str, central_url: str, tmp_path: Path
) -> None:
    seed = random.randrange(1_000_000)
    chance = random.Random(seed)
    for username in ("grace", "kofi"):
        hoclient.run(
            "admin", "add-officer", "--db", central_url, "--username", username,
            "--role", "officer", "--team", "North", stdin=PASSWORD + "\n",
        )  # fmt: skip
    laptops = [str(tmp_path / "grace.sqlite"), str(tmp_path / "kofi.sqlite")]
    for path, username, seed_of_demo in zip(laptops, ("grace", "kofi"), ("11", "13"), strict=True):
        hoclient.run(
            "enrol", "--db", path, "--server", server, "--username", username,
            stdin=PASSWORD + "\n",
        )  # fmt: skip
        # On an enrolled laptop every demo case is open, in the officer's team: all in scope.
        hoclient.run(
            "demo", "--db", path, "--persons", "60", "--cases", "30", "--seed", seed_of_demo
        )  # fmt: skip
    made_here = dump(hoclient, laptops[0])["housing_case"]
    assert made_here and {row["team_id"] for row in made_here} == {
        row["id"] for row in dump(hoclient, laptops[0])["team"] if row["name"] == "North"
    }, "demo cases on an enrolled laptop are in the officer's team"
    for path in (*laptops, laptops[0]):
        hoclient.run("sync", "--db", path)
    reference = str(made_here[0]["reference"])
    hoclient.run("case", "edit", "--db", laptops[0], "--case", reference, "--set", "town=Leeds",
                 "--set", "applicant.phone=0113 496 0000")  # fmt: skip
    hoclient.run("case", "edit", "--db", laptops[1], "--case", reference, "--set", "town=York",
                 "--set", "applicant.phone=0113 496 0999")  # fmt: skip

    for kill in range(KILLS):
        syncing = hoclient.start("sync", "--db", laptops[kill % 2])
        time.sleep(chance.uniform(0.2, 2.5))  # Python's start-up is ~1 s of it
        syncing.send_signal(signal.SIGKILL)
        syncing.wait(30)
    for path in (*laptops, *laptops):
        hoclient.run("sync", "--db", path)

    first, second = dump(hoclient, laptops[0]), dump(hoclient, laptops[1])
    centre = dump(hoclient, central_url)
    assert first == second, f"seed {seed}"
    for table, rows in first.items():
        held = {row["id"]: row for row in centre[table]}
        assert all(held.get(row["id"]) == row for row in rows), f"{table}, seed {seed}"
    assert len(first["housing_case"]) == 2 * 30, f"every demo case is in scope, seed {seed}"
    assert len(centre["housing_case"]) == 2 * 30, "every case made reached the centre"
    (case,) = [row for row in first["housing_case"] if row["reference"] == reference]
    assert case["town"] in ("Leeds", "York")

    listed = [json.loads(hoclient.run("conflicts", "list", "--db", path)) for path in laptops]
    assert listed[0] == listed[1], f"seed {seed}"
    # The town is the case's; the phone the applicant's own row, listed by person, not case.
    fields = sorted((conflict["field"], conflict["case"]) for conflict in listed[0])
    assert fields == [("phone", None), ("town", reference)], f"seed {seed}"
