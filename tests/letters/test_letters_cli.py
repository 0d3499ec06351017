"""`hoclient letter`: the letter owed by an event of a case history, with the engine's dates.

Bad input, or an event that owes no letter, is refused in one plain line with exit 2.
"""

import json
import os
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from hoclient.cli import main
from hoclient.letters import KINDS, long_date
from hoclient.letters.kinds import ReviewStatement, letter_kind
from tests.letters.histories import HISTORIES, REASONS, event, history

# CI installs poppler-utils (./dev): there a missing pdftotext fails the letter checks.
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None and os.environ.get("CI") != "true", reason="poppler-utils"
)


def write(folder: Path, document: object) -> Path:
    path = folder / "history.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def render(path: Path, index: int, out: Path, *more: str) -> int:
    arguments = ["--history", str(path), "--event", str(index), "--out", str(out), *more]
    return main(["letter", "render", *arguments])


def refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, document: object, index: int
) -> str:
    path = write(tmp_path, document)
    code = render(path, index, tmp_path / "out.pdf")
    out, err = capsys.readouterr()
    assert (code, out) == (2, ""), err
    assert err.startswith("hoclient: ") and err.count("\n") == 1, err
    assert not (tmp_path / "out.pdf").exists()
    return err


def test_list_kinds_prints_every_kind_id_with_its_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letter", "list-kinds"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [kind.id for kind in KINDS]
    assert all(kind.title in line for kind, line in zip(KINDS, lines, strict=True))


def test_every_letter_an_event_can_owe_has_a_history_here() -> None:
    from_events = {kind.id for kind in KINDS} - {
        # Written from the officer's records, not from a duty event (issue 5 items 1, 2, 4).
        "application-acknowledgement",
        "assessment-notice",
        "personal-housing-plan",
        "duty-to-refer-no-contact",
        "final-accommodation-offer",
        "private-rented-sector-offer",
        "review-minded-to",
    }
    assert set(HISTORIES) == from_events


def _expected_review_last_day(raw_event: dict[str, Any]) -> date:
    notified = date.fromisoformat(raw_event.get("notified") or raw_event["date"])
    return notified + timedelta(days=20)  # 21 days beginning with the day notified


@needs_poppler
@pytest.mark.parametrize("kind_id", sorted(HISTORIES))
def test_the_letter_owed_by_each_event_carries_the_engines_dates(
    kind_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document, index = HISTORIES[kind_id]
    out = tmp_path / "letter.pdf"
    assert render(write(tmp_path, document), index, out) == 0
    assert f"{kind_id} (" in capsys.readouterr().out
    text = " ".join(
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split()
    )
    kind = letter_kind(kind_id)
    assert kind is not None
    raw_event = document["events"][index]
    assert "Priya Shah" in text and "HO-2026-000042" in text and "Grace O'Brien" in text
    assert f"date of the decision is {long_date(date.fromisoformat(raw_event['date']))}" in text
    if kind.adverse:
        assert REASONS in text
    if kind.review is ReviewStatement.RIGHT_AND_LAST_DAY:
        assert f"You must ask by {long_date(_expected_review_last_day(raw_event))}" in text
    if kind.id not in ("main-duty-ended",):
        assert kind.basis in text
    assert "{{" not in text and "{%" not in text


def test_the_prevention_letter_gives_day_56(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document, index = HISTORIES["s184-prevention-duty"]
    out = tmp_path / "p.pdf"
    assert render(write(tmp_path, document), index, out, "--large-print") == 0
    # First satisfied 9 March 2026: day 56 is 3 May 2026 (clocks.md, "beginning with").
    from hoclient.letters_cli import letter_owed

    context = letter_owed(document, index, default_reference="x")
    assert context.period_ends_on == date(2026, 5, 3)


def test_review_letters_carry_the_decision_due_and_appeal_dates() -> None:
    from hoclient.letters_cli import letter_owed

    acknowledgement = letter_owed(*HISTORIES["review-acknowledgement"], default_reference="x")
    assert acknowledgement.review_process is not None
    # Review of eligibility: 8 weeks beginning with 12 March 2026 (reg 9(1)(b)).
    assert acknowledgement.review_process.decision_due_on == date(2026, 5, 6)
    decided = letter_owed(*HISTORIES["review-decision"], default_reference="x")
    assert decided.review_process is not None and decided.review_process.upheld
    # Appeal: within 21 days of notification, 21 April 2026 (s204(2)).
    assert decided.review_process.appeal_last_day == date(2026, 4, 20) + timedelta(days=21)


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = render(tmp_path / "nowhere.json", 0, tmp_path / "out.pdf")
    err = capsys.readouterr().err
    assert code == 2 and "cannot read" in err and err.count("\n") == 1


def test_bad_json_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    assert render(path, 0, tmp_path / "out.pdf") == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_an_unlawful_history_is_refused_by_the_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = history(event("prevention_duty_ended", reason="withdrawn"))
    assert "prevention_duty_ended is allowed only" in refused(capsys, tmp_path, bad, 1)


def test_an_event_past_the_end_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document, _ = HISTORIES["s184-no-duty"]
    assert "events 0 to 1" in refused(capsys, tmp_path, document, 7)


def test_an_event_that_owes_no_letter_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document, _ = HISTORIES["s184-no-duty"]
    assert "application owes no letter" in refused(capsys, tmp_path, document, 0)


def test_a_decision_against_the_applicant_without_reasons_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, tmp_path, history(event("not_eligible")), 1)
    assert "needs the reasons" in err


def test_a_warning_without_its_step_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = history(
        event("prevention_duty_accepted", "2026-03-02"), event("relevant_warning", reasons="x")
    )
    assert '"warning"' in refused(capsys, tmp_path, document, 2)


def test_a_negative_event_number_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["letter", "render", "--history", "h", "--event", "-1", "--out", "o.pdf"])
    assert stopped.value.code == 2
    assert "start at 0" in capsys.readouterr().err
