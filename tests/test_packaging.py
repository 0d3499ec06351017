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
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from hoclient import __version__
from hoclient.store.migrate import head_revision

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXECUTABLE = "hoclient.exe" if sys.platform == "win32" else "hoclient"
# What the running app should never print, whatever it is doing.
TROUBLE = ("Traceback", "ModuleNotFoundError", "ImportError", "Stylesheet not loaded")


def test_the_one_folder_app_builds_and_runs(tmp_path):
    app = build(tmp_path)
    env = app_environment(tmp_path)

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
    with closing(sqlite3.connect(store)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)
        ]
        assert connection.execute("SELECT count(*) FROM person").fetchone() == (50,)
        assert connection.execute("SELECT count(*) FROM housing_case").fetchone() == (20,)
        # The FTS5 name index: made after the migrations, needs SQLite's FTS5 in the bundle.
        assert connection.execute("SELECT count(*) FROM person_search").fetchone() == (50,)

    # A file that is not a store: refused in one plain line, frozen as in development.
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database " * 1000)
    refused = run(app, env, "--db", str(garbage), "demo", "--persons", "5", "--cases", "2")
    assert refused.returncode == 1, refused
    assert refused.stderr.startswith(f"hoclient: The file {garbage} is not a hoclient store")
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


def app_environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"  # the window draws into memory: no display needed
    # Anything the app keeps per user (settings, the default store) goes to tmp_path, not to
    # the real home of whoever runs the tests.
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / "home" / name.lower())
    return env


def run(app: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(app), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def check_the_window_opens(app: Path, env: dict[str, str], store: Path) -> None:
    """The app runs until it is told to stop: it imported the UI, opened the store and showed
    its window without dying. A missing Qt module or resource would end it, or say so, early.
    """
    process = subprocess.Popen(
        [str(app), "--db", str(store)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        process.wait(timeout=8)
    except subprocess.TimeoutExpired:
        still_running = True
        process.terminate()
    else:
        still_running = False
    out, err = process.communicate(timeout=30)
    assert still_running, f"the app ended by itself (exit {process.returncode}):\n{out}\n{err}"
    assert not any(sign in err for sign in TROUBLE), err
