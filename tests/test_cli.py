"""The `hoclient` command: its version, and plain errors (exit codes, no tracebacks) on bad input.

The store errors go through `demo` so that no window opens. `hoclient demo` imports the demo
seeder and then opens the store, so a bad store is refused before any demo data is made; the
seeder is replaced by one that fails the test if it is reached.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from hoclient import __version__
from hoclient.cli import main
from hoclient.services import demo_data


@pytest.fixture
def no_demo(monkeypatch):
    def must_not_run(*_args, **_kwargs):
        pytest.fail("the demo ran on a store that should have been refused")

    monkeypatch.setattr(demo_data, "fill_with_demo_data", must_not_run)


def test_version_prints_the_version_and_exits_0(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"hoclient {__version__}\n"


def test_an_unknown_option_exits_2_with_a_one_line_reason(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--no-such-option"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "hoclient: unrecognized arguments: --no-such-option" in err
    assert "Traceback" not in err


def test_a_bad_number_for_a_sub_command_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["demo", "--persons", "0"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "hoclient: argument --persons: 0 must be 1 or more" in err
    assert "Traceback" not in err


def test_a_folder_given_as_the_store_is_refused(tmp_path, capsys, no_demo):
    folder = tmp_path / "a folder"
    folder.mkdir()

    code = main(["--db", str(folder), "demo", "--persons", "5", "--cases", "2"])

    assert code == 1
    out, err = capsys.readouterr()
    assert err == f"hoclient: {folder} is a folder, not a store file.\n"
    assert out == ""
    assert list(folder.iterdir()) == []  # nothing made inside it either


def test_a_file_that_is_not_a_store_is_refused_and_left_alone(tmp_path, capsys, no_demo):
    # Someone points --db at the wrong file: it must be neither used nor overwritten.
    not_a_store = tmp_path / "notes.sqlite"
    garbage = bytes(range(256)) * 64
    not_a_store.write_bytes(garbage)

    code = main(["--db", str(not_a_store), "demo", "--persons", "5", "--cases", "2"])

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"hoclient: The file {not_a_store} is not a hoclient store")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert not_a_store.read_bytes() == garbage


def test_the_installed_console_script_runs():
    # The `hoclient` entry point from pyproject.toml, as installed beside this interpreter.
    scripts = Path(sys.executable).parent
    script = scripts / ("hoclient.exe" if sys.platform == "win32" else "hoclient")
    assert script.exists(), f"{script} missing: install the package (pip install -e .)"

    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"hoclient {__version__}\n"
    assert result.stderr == ""
