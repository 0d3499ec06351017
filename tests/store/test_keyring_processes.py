"""The `hoclient` command in its own process, on encrypted stores, with a keyring of its own.

A child process cannot see the test run's in-memory keyring: one test gives it a keyring file
in the test's tmp folder (tests.memory_keyring.TmpFolderKeyring), and one runs the real path,
a Secret Service (gnome-keyring) on a private D-Bus under dbus-run-session.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hoclient.store.store_key import PLAINTEXT_HEADER
from tests.memory_keyring import FILE_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
DEMO = ("demo", "--persons", "20", "--cases", "6")


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON_KEYRING")}
    home = tmp_path / "home"
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_RUNTIME_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT),
    )
    return env


def _hoclient(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hoclient", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_keeps_its_key_between_runs_and_refuses_without_it(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    keyring_file = tmp_path / "keyring.json"
    env["PYTHON_KEYRING_BACKEND"] = "tests.memory_keyring.TmpFolderKeyring"
    env[FILE_VARIABLE] = str(keyring_file)
    store = tmp_path / "laptop.sqlite"

    made = _hoclient(env, "--db", str(store), *DEMO)
    again = _hoclient(env, "--db", str(store), *DEMO, "--if-empty")

    assert made.returncode == 0, made.stderr
    assert again.returncode == 0, again.stderr  # the second run found the key and the data
    assert store.read_bytes()[:16] != PLAINTEXT_HEADER
    keyring_file.unlink()
    before = store.read_bytes()
    refused = _hoclient(env, "--db", str(store), *DEMO, "--if-empty")
    assert refused.returncode == 1
    assert "not in this computer's keyring" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert store.read_bytes() == before


def test_the_real_secret_service_keeps_the_key(tmp_path: Path) -> None:
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have dbus and gnome-keyring (./dev installs them)")
        pytest.skip("dbus-run-session or gnome-keyring-daemon missing")
    env = _environment(tmp_path)
    store = tmp_path / "laptop.sqlite"
    hoclient = f"{sys.executable} -m hoclient --db {store}"
    script = (
        "echo test-keyring-password | gnome-keyring-daemon --unlock --components=secrets "
        f"> /dev/null && {hoclient} {' '.join(DEMO)} && "
        f"{hoclient} {' '.join(DEMO)} --if-empty"
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "already holds" in result.stdout + result.stderr  # the second run read the data
    assert store.read_bytes()[:16] != PLAINTEXT_HEADER
    assert (tmp_path / "home" / "data" / "keyrings").is_dir()  # the key went to gnome-keyring
