"""`hoclient casework replay`: bad input is refused in one plain line with exit 2, never a
traceback; good input prints the duty state. It opens no store and never imports Qt."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hoclient.cli import main

APPLICATION = {"date": "2026-03-02", "type": "application"}
RELIEF = {"date": "2026-03-02", "type": "relief_duty_accepted"}


def write_history(folder: Path, document: object) -> Path:
    path = folder / "history.json"
    path.write_text(json.dumps(document))
    return path


def history_with(*events: object, **top: object) -> dict[str, object]:
    return {"schema": "hoclient.case-history/1", "events": [APPLICATION, *events], **top}


def refused(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    code = main(["casework", "replay", *arguments])
    out, err = capsys.readouterr()
    assert (code, out) == (2, ""), err
    assert err.startswith("hoclient: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_a_history_replays_as_of_its_last_event_or_a_given_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_history(tmp_path, history_with(RELIEF))
    assert main(["casework", "replay", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2026-03-02"
    assert main(["casework", "replay", str(path), "--as-of", "2026-06-01"]) == 0
    state = json.loads(capsys.readouterr().out)
    assert (state["as_of"], state["duty"], state["deadlines"][0]["date"]) == (
        "2026-06-01",
        "relief",
        "2026-04-26",
    )


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, str(tmp_path / "nowhere.json"))
    assert "cannot read" in err and "nowhere.json" in err


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "cannot read" in refused(capsys, str(tmp_path))


def test_a_file_that_is_not_utf8_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "history.json"
    path.write_bytes(b"\xff\xfe{not text")
    assert "is not UTF-8 text" in refused(capsys, str(path))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"schema": "hoclient.case-history/1", "events": [', "is not valid JSON"),
        ("", "is not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "is not JSON hoclient can read"),
        ('{"of": ' + "9" * 5000 + "}", "is not JSON hoclient can read"),
    ],
    ids=["truncated", "empty", "nested too deep", "number too long"],
)
def test_text_that_is_not_json_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, reason: str
) -> None:
    path = tmp_path / "history.json"
    path.write_text(text)
    assert reason in refused(capsys, str(path))


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ([APPLICATION], "a case history is a JSON object"),
        ({"events": [APPLICATION]}, "'schema' must be 'hoclient.case-history/1', not None"),
        ({"schema": "hoclient.duty-state/1", "events": []}, "'schema' must be"),
        ({"schema": "hoclient.case-history/1"}, "'events' must be a list"),
        ({"schema": "hoclient.case-history/1", "events": {}}, "'events' must be a list"),
        ({"schema": "hoclient.case-history/1", "events": []}, "needs at least its application"),
        (history_with(household=[]), "'household' must be an object"),
        (history_with(household={"members": {}}), "household 'members' must be a list"),
        (history_with(household={"members": [3]}), "household member 0 must be an object"),
        (
            history_with(household={"applicant": {"date_of_birth": "01/05/1990"}}),
            "household applicant: 'date_of_birth' must be a date (YYYY-MM-DD)",
        ),
        (
            history_with(household={"members": [{"pregnant": "yes"}]}),
            "household member 0: 'pregnant' must be true or false",
        ),
    ],
)
def test_a_malformed_history_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: object, reason: str
) -> None:
    assert reason in refused(capsys, str(write_history(tmp_path, document)))


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ("relief", "an event must be a JSON object"),
        ({"date": "2026-03-02"}, "an event needs a 'type'"),
        ({"date": "2026-03-02", "type": "housed"}, "unknown event type 'housed'"),
        ({"type": "relief_duty_accepted"}, "relief_duty_accepted needs 'date'"),
        ({"date": None, "type": "relief_duty_accepted"}, "needs 'date'"),
        ({"date": "2026-02-30", "type": "no_duty"}, "'date' must be a date (YYYY-MM-DD)"),
        ({"date": "2026/03/02", "type": "no_duty"}, "not '2026/03/02'"),
        ({"date": "20260302", "type": "no_duty"}, "'date' must be a date"),
        ({"date": 20260302, "type": "no_duty"}, "'date' must be a date"),
        ({"date": "2026-03-02T10:00", "type": "no_duty"}, "'date' must be a date"),
        (
            {"date": "2026-03-02", "type": "no_duty", "notified": "soon"},
            "'notified' must be a date",
        ),
        (
            {"date": "2026-03-02", "type": "notice_to_quit", "kind": "section_21"},
            "notice_to_quit needs 'expires'",
        ),
        (
            {
                "date": "2026-03-02",
                "type": "notice_to_quit",
                "kind": "s21",
                "expires": "2026-04-01",
            },
            "'kind' must be one of: section_21, section_8, other, not 's21'",
        ),
        ({"date": "2026-03-02", "type": "prevention_duty_ended"}, "needs 'reason'"),
        (
            {"date": "2026-03-02", "type": "relief_duty_ended", "reason": "became_homeless"},
            "'reason' must be one of: suitable_accommodation",
        ),
        ({"date": "2026-03-02", "type": "main_duty_ended", "reason": 3}, "not 3"),
        ({"date": "2026-03-02", "type": "priority_need_decided"}, "needs 'priority_need'"),
        (
            {"date": "2026-03-02", "type": "intentionality_decided", "intentional": 1},
            "'intentional' must be true or false, not 1",
        ),
        (
            {"date": "2026-03-02", "type": "review_requested", "of": 0},
            "review_requested needs 'reviewer'",
        ),
        (
            {"date": "2026-03-02", "type": "review_requested", "of": True, "reviewer": "officer"},
            "'of' must be an event index (a whole number), not True",
        ),
        (
            {"date": "2026-03-02", "type": "review_requested", "of": "0", "reviewer": "officer"},
            "'of' must be an event index",
        ),
        (
            {"date": "2026-03-02", "type": "review_requested", "of": 0.0, "reviewer": "officer"},
            "'of' must be an event index",
        ),
        (
            {"date": "2026-03-02", "type": "review_decided", "of": 0, "outcome": "quashed"},
            "'outcome' must be one of: upheld, overturned",
        ),
        (
            {"date": "2026-03-02", "type": "placement_started", "kind": "hostel"},
            "placement_started needs 'placement'",
        ),
        (
            {"date": "2026-03-02", "type": "placement_started", "placement": " ", "kind": "hotel"},
            "'placement' must be a non-empty id string",
        ),
        (
            {"date": "2026-03-02", "type": "placement_started", "placement": "P", "kind": "hotel"},
            "'kind' must be one of: bed_and_breakfast, hostel, self_contained, other",
        ),
        (
            {"date": "2026-03-02", "type": "review_decided", "of": 0, "outcome": "upheld"},
            "'of' must be the index of a review_requested event; event 0 is application",
        ),
    ],
)
def test_a_malformed_event_is_refused_naming_its_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], event: object, reason: str
) -> None:
    err = refused(capsys, str(write_history(tmp_path, history_with(event))))
    assert ": event 1: " in err
    assert reason in err


@pytest.mark.parametrize(
    "arguments",
    [
        ["casework"],
        ["casework", "replay"],
        ["casework", "check", "history.json"],
        ["casework", "replay", "history.json", "--as-of", "2026-13-01"],
        ["casework", "replay", "history.json", "--as-of", "tomorrow"],
    ],
)
def test_bad_arguments_exit_2_with_a_one_line_reason(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(arguments)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("hoclient: ")
    assert "Traceback" not in err


def test_as_of_must_be_a_calendar_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["casework", "replay", "history.json", "--as-of", "2026-13-01"])
    assert "hoclient: argument --as-of: '2026-13-01' is not a date (YYYY-MM-DD)" in (
        capsys.readouterr().err
    )


def test_replay_opens_no_store_and_imports_neither_qt_nor_sqlalchemy(tmp_path: Path) -> None:
    path = write_history(tmp_path, history_with(RELIEF))
    probe = (
        "import sys\n"
        "from hoclient.cli import main\n"
        f"code = main(['casework', 'replay', {str(path)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy'))\n"
        "print(code, loaded, file=sys.stderr)\n"
    )
    # The default store lives under XDG_DATA_HOME on Linux: nothing may appear there.
    data_home = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "XDG_DATA_HOME": str(data_home)},
    )
    assert result.stderr.strip() == "0 []"
    assert not data_home.exists()


@pytest.mark.parametrize(
    "household",
    [None, {}, {"applicant": None, "members": None}, {"members": [{"date_of_birth": None}]}],
)
def test_a_household_left_out_or_null_is_an_applicant_with_nothing_more_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], household: object
) -> None:
    document = history_with(RELIEF, household=household)
    assert main(["casework", "replay", str(write_history(tmp_path, document))]) == 0
    assert json.loads(capsys.readouterr().out)["duty"] == "relief"


def test_unknown_keys_are_extra_detail_and_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    relief = {**RELIEF, "by": "officer 7", "reasons": "sleeping in a car"}
    document = history_with(relief, case_reference="HO-2026-0001")
    assert main(["casework", "replay", str(write_history(tmp_path, document))]) == 0
    assert json.loads(capsys.readouterr().out)["duty"] == "relief"
