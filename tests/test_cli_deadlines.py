"""`hoclient deadlines`: the Deadlines view as a table or JSON; plain errors, never a traceback."""

import json
import uuid
from pathlib import Path

import pytest

from hoclient.cli import main
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Role
from tests.services.duty_helpers import APPLIED_ON, add_officer, day, decide
from tests.services.helpers import approach_for, record


@pytest.fixture
def two_cases(store: Store, officer: OfficerView) -> OfficerView:
    """Okafor in relief (day 56 is day 55, 25 Nov 2026), Brennan in prevention for a colleague
    (day 56 is day 65); returns the colleague."""
    colleague = add_officer(store, "Cal Colleague", Role.OFFICER)
    relief = record(store, officer, approach_for(approached_on=APPLIED_ON)).case_id
    decide(store, officer, relief, "application", day(0))
    decide(store, officer, relief, "relief_duty_accepted", day(0))
    prevention = record(store, colleague, approach_for("Brennan", approached_on=APPLIED_ON))
    decide(store, colleague, prevention.case_id, "application", day(10))
    decide(store, colleague, prevention.case_id, "prevention_duty_accepted", day(10))
    return colleague


def test_the_deadlines_print_as_a_table_soonest_first(
    store_path: Path, two_cases: OfficerView, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["deadlines", "--as-of", "2026-11-25", "--db", str(store_path)])

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Deadlines as of 2026-11-25: 2 (0 overdue, 1 due within 7 days)"
    assert lines[2].split() == [
        "Last", "day", "Days", "left", "Clock", "Case", "Applicant", "Officer", "Basis"
    ]  # fmt: skip
    assert "2026-11-25" in lines[4] and "OKAFOR, Grace" in lines[4] and "due soon" in lines[4]
    assert "Relief: day 56" in lines[4] and "HA 1996 s189B(4)" in lines[4]
    assert "2026-12-05" in lines[5] and "BRENNAN, Grace" in lines[5] and "Cal Colleague" in lines[5]
    assert lines[5].split()[1] == "10"  # days left
    assert "HO26-" in lines[4]


def test_overdue_deadlines_are_marked(
    store_path: Path, two_cases: OfficerView, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadlines", "--as-of", "2026-11-28", "--db", str(store_path)]) == 0
    row = capsys.readouterr().out.splitlines()[4]
    assert row.split()[:3] == ["2026-11-25", "-3", "OVERDUE"]


def test_the_officer_may_be_given_by_id_or_by_name(
    store_path: Path, two_cases: OfficerView, capsys: pytest.CaptureFixture[str]
) -> None:
    by_id = ["deadlines", "--as-of", "2026-11-25", "--officer", str(two_cases.id)]
    assert main([*by_id, "--db", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "BRENNAN" in out and "OKAFOR" not in out

    by_name = ["deadlines", "--as-of", "2026-11-25", "--officer", "cal colleague"]
    assert main([*by_name, "--db", str(store_path)]) == 0
    assert capsys.readouterr().out == out


def test_json_lists_the_same_deadlines(
    store_path: Path, two_cases: OfficerView, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["deadlines", "--as-of", "2026-11-25", "--json", "--kind", "relief_period_end"]
    assert main([*arguments, "--db", str(store_path)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "hoclient.deadlines/1"
    assert document["as_of"] == "2026-11-25"
    [only] = document["deadlines"]
    assert (only["applicant"], only["kind"], only["date"]) == (
        "OKAFOR, Grace",
        "relief_period_end",
        "2026-11-25",
    )
    assert (only["days_left"], only["due_soon"], only["overdue"]) == (0, True, False)


def test_a_day_with_no_deadlines_says_so(
    store_path: Path, two_cases: OfficerView, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadlines", "--as-of", "2026-09-01", "--db", str(store_path)]) == 0
    assert capsys.readouterr().out == "No deadlines as of 2026-09-01.\n"


def test_an_unknown_officer_exits_2_with_a_plain_line(
    store_path: Path, two_cases: OfficerView, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["deadlines", "--as-of", "2026-11-25", "--officer", "Nobody Here"]
    assert main([*arguments, "--db", str(store_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "hoclient: no officer on this store is 'Nobody Here': give an officer's id or full name\n"
    )
    missing = ["deadlines", "--as-of", "2026-11-25", "--officer", str(uuid.uuid4())]
    assert main([*missing, "--db", str(store_path)]) == 2


def test_an_ambiguous_officer_name_exits_2_naming_each_with_their_id(
    store: Store, store_path: Path, two_cases: OfficerView, capsys: pytest.CaptureFixture[str]
) -> None:
    namesake = add_officer(store, "Cal Colleague", Role.SENIOR)
    arguments = ["deadlines", "--as-of", "2026-11-25", "--officer", "Cal Colleague"]
    assert main([*arguments, "--db", str(store_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hoclient: 2 officers are called 'Cal Colleague': give the id")
    assert str(two_cases.id) in err and str(namesake.id) in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("bad", ["25/11/2026", "2026-02-30", "tomorrow"])
def test_a_bad_date_exits_2_with_a_plain_line(
    store_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["deadlines", "--as-of", bad, "--db", str(store_path)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"hoclient: argument --as-of: {bad!r} is not a date (YYYY-MM-DD)" in err
    assert "Traceback" not in err


def test_the_day_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["deadlines"])
    assert exit_.value.code == 2
    assert "the following arguments are required: --as-of" in capsys.readouterr().err


def test_an_unknown_kind_exits_2(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["deadlines", "--as-of", "2026-11-25", "--kind", "lunch", "--db", str(store_path)])
    assert exit_.value.code == 2
    assert "argument --kind: invalid choice: 'lunch'" in capsys.readouterr().err


def test_a_missing_store_exits_1_and_is_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.sqlite"
    assert main(["deadlines", "--as-of", "2026-11-25", "--db", str(missing)]) == 1
    assert capsys.readouterr().err == f"hoclient: There is no store at {missing}.\n"
    assert not missing.exists()


def test_a_file_that_is_not_a_store_exits_1_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_store = tmp_path / "notes.sqlite"
    not_a_store.write_bytes(b"Dear applicant" * 500)
    assert main(["--db", str(not_a_store), "deadlines", "--as-of", "2026-11-25"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"hoclient: The file {not_a_store} is not a hoclient store")
    assert "Traceback" not in err
    assert not_a_store.read_bytes() == b"Dear applicant" * 500
