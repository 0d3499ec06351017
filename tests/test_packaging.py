"""The one-folder app from build.spec builds, runs, and finds what it loads at run time.

A frozen app fails where the checkout does not: Alembic reads the migrations as source files
from the bundle, Faker lists its locales from files on disk, the UI reads its stylesheet from
resources/, and PyInstaller sees none of that. So this builds the app exactly as a release
would and runs it: --version, the demo seeder on a new store (every migration, the search
index, Faker's locales), a damaged store, and - once hoclient/ui/app.py exists - the window.

It is one test, not one per check, so that pytest-xdist cannot spread it over workers and
build twice. The build takes about 1-1.5 minutes on two cores.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoclient import __version__
from hoclient.store.store_key import PLAINTEXT_HEADER

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXECUTABLE = "hoclient.exe" if sys.platform == "win32" else "hoclient"
# The store's key needs a real keyring: each run gets a private D-Bus with gnome-keyring, whose
# keyring file stays in the test's XDG_DATA_HOME, so later runs find the key again.
WITH_KEYRING = (
    "dbus-run-session",
    "--",
    "sh",
    "-c",
    "echo packaging-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
    ' && exec "$@"',
    "sh",
)
# What the running app should never print, whatever it is doing.
TROUBLE = ("Traceback", "ModuleNotFoundError", "ImportError", "Stylesheet not loaded")


def test_the_one_folder_app_builds_and_runs(tmp_path: Path, short_home: Path) -> None:
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have dbus and gnome-keyring (./dev installs them)")
        pytest.skip("dbus-run-session or gnome-keyring-daemon missing: no keyring for the key")
    app = build(tmp_path)
    env = app_environment(short_home)

    # --version: the bootloader, Python and hoclient.cli all came along.
    version = run(app, env, "--version")
    assert (version.returncode, version.stdout) == (0, f"hoclient {__version__}\n"), version

    # The data files the app reads at run time are in the bundle, as in the checkout.
    bundled = app.parent / "_internal"  # sys._MEIPASS of a one-folder build
    for folder in ("migrations", "resources"):
        for source in sorted((ROOT / folder).rglob("*")):
            if source.is_file() and "__pycache__" not in source.parts:
                relative = source.relative_to(ROOT)
                assert (bundled / relative).is_file(), f"{relative} is not in the bundle"

    # The demo seeder on a new store: every migration runs from the bundle's source files,
    # then Faker makes people in each of the demo's locales.
    store = tmp_path / "store" / "demo.sqlite"
    demo = run(app, env, "--db", str(store), "demo", "--persons", "50", "--cases", "20")
    assert demo.returncode == 0, demo
    assert "Made 50 persons in 20 cases" in demo.stdout
    assert not any(sign in demo.stderr for sign in TROUBLE), demo.stderr
    # Encrypted with SQLCipher from the bundle (FTS5 too: the demo's people went through the
    # name index's triggers), its key in the keyring: a second run finds key and data.
    assert store.read_bytes()[:16] != PLAINTEXT_HEADER
    again = run(app, env, "--db", str(store), "demo", "--if-empty")
    assert again.returncode == 0, again
    assert "already holds 20 cases" in again.stdout

    # A file that is not a store: refused in one plain line, frozen as in development.
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database " * 1000)
    refused = run(app, env, "--db", str(garbage), "demo", "--persons", "5", "--cases", "2")
    assert refused.returncode == 1, refused
    # D-Bus may log first (fd limits in containers): our message is a line of its own.
    assert f"\nhoclient: The file {garbage} is not a hoclient store" in f"\n{refused.stderr}"
    assert "Traceback" not in refused.stderr

    if (ROOT / "hoclient" / "ui" / "app.py").exists():
        check_the_window_opens(app, env, store)


def build(tmp_path: Path) -> Path:
    """Build with build.spec into tmp_path, as a release would; the executable's path."""
    work = tmp_path / "build"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(work),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=15 * 60,
        check=False,
    )
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stderr[-6000:]}"
    shutil.rmtree(work)  # ~30 MB of intermediate files; the app does not need them
    app = tmp_path / "dist" / "hoclient" / EXECUTABLE
    assert app.is_file(), f"no {app} after the build:\n{result.stderr[-6000:]}"
    return app


def app_environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"  # the window draws into memory: no display needed
    # Anything the app keeps per user (settings, the default store) goes to `home`, not to
    # the real home of whoever runs the tests.
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
        # gnome-keyring puts its control socket in XDG_CACHE_HOME and will not make the
        # folder: without it, D-Bus starts a second, locked daemon and the app waits forever.
        (home / name.lower()).mkdir(parents=True)
    return env


@pytest.fixture
def short_home() -> Iterator[Path]:
    """A home folder with a short path: gnome-keyring's control socket lives under it, and a
    Unix socket path must fit in 107 bytes (under pytest-xdist, tmp_path alone made it 108 and
    the keyring daemon could not start, so the app waited for a locked one for ever)."""
    home = Path(tempfile.mkdtemp(prefix="hk-", dir="/tmp"))
    yield home
    shutil.rmtree(home, ignore_errors=True)


def run(app: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*WITH_KEYRING, str(app), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def check_the_window_opens(app: Path, env: dict[str, str], store: Path) -> None:
    """The app runs until it is told to stop: it imported the UI, opened the store and showed
    its sign-in dialog without dying. A missing Qt module or resource would end it, or say so,
    early.
    """
    process = subprocess.Popen(
        [*WITH_KEYRING, str(app), "--db", str(store)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the app, its D-Bus and keyring
    )
    try:
        process.wait(timeout=8)
    except subprocess.TimeoutExpired:
        still_running = True
        os.killpg(process.pid, signal.SIGTERM)
    else:
        still_running = False
    out, err = process.communicate(timeout=30)
    assert still_running, f"the app ended by itself (exit {process.returncode}):\n{out}\n{err}"
    assert not any(sign in err for sign in TROUBLE), err
