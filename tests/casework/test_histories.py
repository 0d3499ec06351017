"""The conformance histories: each case history replayed through the real `hoclient` command.

Each `NN_name.json` has a `NN_name.expected.json` beside it: the arguments after the file, the
exit code, and either the exact duty state printed or fragments of the one-line refusal.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hoclient.cli import main

HISTORIES = Path(__file__).with_name("histories")
EXPECTATIONS = sorted(HISTORIES.glob("*.expected.json"))


def history_file(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(".expected.json") + ".json")


def test_there_are_at_least_25_histories_each_with_its_expectation() -> None:
    assert len(EXPECTATIONS) >= 25
    histories = {path for path in HISTORIES.glob("*.json") if path not in EXPECTATIONS}
    assert histories == {history_file(expected) for expected in EXPECTATIONS}


@pytest.mark.parametrize("expected", EXPECTATIONS, ids=lambda path: path.name.split(".")[0])
def test_a_history_replays_to_its_expected_state_or_refusal(
    expected: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expectation = json.loads(expected.read_text())
    code = main(["casework", "replay", str(history_file(expected)), *expectation["args"]])

    out, err = capsys.readouterr()
    assert code == expectation["exit_code"], err
    if code == 0:
        assert err == ""
        assert json.loads(out) == expectation["stdout"]
    else:
        assert out == ""
        assert err.startswith("hoclient: ") and err.count("\n") == 1, err
        for fragment in expectation["stderr_contains"]:
            assert fragment in err


def run_installed_hoclient(*arguments: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / (
        "hoclient.exe" if sys.platform == "win32" else "hoclient"
    )
    return subprocess.run(
        [str(script), *arguments], capture_output=True, text=True, timeout=60, check=False
    )


def test_the_installed_command_prints_the_issues_worked_example() -> None:
    example = HISTORIES / "01_issue_worked_example.json"
    result = run_installed_hoclient("casework", "replay", str(example), "--as-of", "2026-03-30")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "schema": "hoclient.duty-state/1",
        "as_of": "2026-03-30",
        "duty": "relief",
        "duty_since": "2026-03-25",
        "bed_and_breakfast_nights": 0,
        "deadlines": [
            {
                "kind": "relief_period_end",
                "date": "2026-05-19",
                "basis": "HA 1996 s189B(4)",
                "event": 4,
            }
        ],
        "priority_need": None,
        "intentionally_homeless": None,
    }


def test_the_installed_command_refuses_an_illegal_transition_with_exit_2() -> None:
    refused = HISTORIES / "05_section_21_notice_bars_the_56_day_ground.json"
    result = run_installed_hoclient("casework", "replay", str(refused))

    assert (result.returncode, result.stdout) == (2, "")
    assert "event 3: " in result.stderr and "s195(6)" in result.stderr
    assert "Traceback" not in result.stderr
