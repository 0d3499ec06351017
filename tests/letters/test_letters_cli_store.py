"""`hoclient letter render --case REF --letter KIND --out FILE.pdf [--db PATH]`: a case's letter
rendered from the store, nothing issued; bad input refused in one plain line, exit 2."""

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
