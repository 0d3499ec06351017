"""`hoclient letter render --case REF --letter KIND --out FILE.pdf [--db PATH]`: a case's letter
rendered from the store, nothing issued; bad input refused in one plain line, exit 2."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hoclient.cli import main
from hoclient.models import IssuedLetter
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from tests.letters.histories import HISTORIES
from tests.letters.test_letter_content import needs_poppler, pdf_text
from tests.services.letter_helpers import StoredCase, store_history


@pytest.fixture
def case(store: Store, officer: OfficerView) -> StoredCase:
    return store_history(store, officer, HISTORIES["s184-relief-duty"][0])


def render(store_path: Path, out: Path, *arguments: str) -> int:
    return main(["letter", "render", *arguments, "--out", str(out), "--db", str(store_path)])


@needs_poppler
def test_a_case_letter_is_rendered_from_the_store_and_not_issued(
    case: StoredCase,
    store: Store,
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "relief.pdf"
    code = render(store_path, out, "--case", case.reference, "--letter", "s184-relief-duty")
    assert code == 0, capsys.readouterr().err
    assert "s184-relief-duty (L7)" in capsys.readouterr().out
    words = pdf_text(out.read_bytes(), tmp_path)
    assert case.reference in words and "HA 1996 s184(3) and s189B(2)" in words
    with store.begin() as session:
        assert session.scalar(select(func.count()).select_from(IssuedLetter)) == 0


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (("--case", "HO26-NONE-XXXX", "--letter", "s184-relief-duty"), "no case"),
        (("--case", "{ref}", "--letter", "no-such-letter"), "no letter kind"),
        (("--case", "{ref}", "--letter", "s184-main-duty"), "no decision that is notified"),
        (("--case", "{ref}", "--letter", "personal-housing-plan"), "Agree a plan first"),
        (("--case", "{ref}"), "needs --letter"),
        (("--case", "{ref}", "--letter", "s184-relief-duty", "--event", "1"), "--event goes"),
    ],
)
def test_a_bad_case_kind_or_a_letter_the_case_cannot_owe_is_refused(
    arguments: tuple[str, ...],
    says: str,
    case: StoredCase,
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out.pdf"
    code = render(store_path, out, *(a.format(ref=case.reference) for a in arguments))
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "")
    assert captured.err.startswith("hoclient: ") and captured.err.count("\n") == 1
    assert says in captured.err and not out.exists()


def test_history_mode_still_needs_its_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["letter", "render", "--history", "x.json", "--out", str(tmp_path / "o.pdf")])
    assert code == 2 and "--history needs --event" in capsys.readouterr().err


# The letters that state what a stored case does not record: the officer gives it as options.
LATER = (date.today() + timedelta(days=14)).isoformat()
FACT_OPTIONS = {
    "interim-accommodation-ends-no-priority-need": (
        ("--placement-address", "Station Hostel", "--placement-address", "Exampletown"),
        ("--placement-ends", LATER),
    ),
    "relevant-warning": (
        ("--warning-step", "Register with three letting agents"),
        ("--warning-take-by", LATER),
        ("--warning-support", "We will help you fill in the forms."),
    ),
    "local-connection-referral": (("--other-council", "Otherplace District Council"),),
}
FACT_WORDS = {
    "interim-accommodation-ends-no-priority-need": "Station Hostel, Exampletown",
    "relevant-warning": "Register with three letting agents",
    "local-connection-referral": "Otherplace District Council",
}


@needs_poppler
@pytest.mark.parametrize("kind_id", sorted(FACT_OPTIONS))
def test_the_facts_a_case_does_not_record_are_given_as_options(
    kind_id: str,
    store: Store,
    officer: OfficerView,
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stored = store_history(store, officer, HISTORIES[kind_id][0], senior=officer)
    out = tmp_path / "letter.pdf"
    options = [part for option in FACT_OPTIONS[kind_id] for part in option]
    code = render(store_path, out, "--case", stored.reference, "--letter", kind_id, *options)
    assert code == 0, capsys.readouterr().err
    words = pdf_text(out.read_bytes(), tmp_path)
    assert FACT_WORDS[kind_id] in words and stored.reference in words


@pytest.mark.parametrize("kind_id", sorted(FACT_OPTIONS))
def test_without_the_facts_the_missing_option_is_named(
    kind_id: str,
    store: Store,
    officer: OfficerView,
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stored = store_history(store, officer, HISTORIES[kind_id][0], senior=officer)
    out = tmp_path / "letter.pdf"
    given, *left_out = FACT_OPTIONS[kind_id]
    arguments = ["--case", stored.reference, "--letter", kind_id]
    if left_out:  # give one, leave the rest out: each of those is named
        arguments += given
    code = render(store_path, out, *arguments)
    captured = capsys.readouterr()
    assert (code, captured.out) == (2, "") and not out.exists()
    assert captured.err.startswith("hoclient: ") and captured.err.count("\n") == 1
    for option in left_out or [given]:
        assert option[0] in captured.err


def test_a_fact_option_for_another_letter_or_a_history_is_refused(
    case: StoredCase, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.pdf"
    arguments = ("--case", case.reference, "--letter", "s184-relief-duty")
    assert render(store_path, out, *arguments, "--other-council", "Otherplace") == 2
    assert "--other-council does not go with --letter s184-relief-duty" in capsys.readouterr().err
    history = ["letter", "render", "--history", "x.json", "--event", "1", "--out", str(out)]
    assert main([*history, "--warning-step", "Register"]) == 2
    assert "--warning-step goes with --case" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_date:  # argparse's own usage error
        main([*history, "--placement-ends", "17/03/2026"])
    assert bad_date.value.code == 2
    assert "is not a date as YYYY-MM-DD" in capsys.readouterr().err
