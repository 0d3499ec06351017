"""Every letter says what the law requires of it (letters.md §2, §4), read back from the PDF.

The PDFs go through poppler's pdftotext, as an applicant's screen reader or a solicitor's
copy-and-paste would see them: the section, the reasons, the review right with its exact
last day, the officer.
"""

import os
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from hoclient.casework import unverified as casework_unverified
from hoclient.letters import KINDS, long_date, render_pdf, render_text
from hoclient.letters.context import Applicant, Finding
from hoclient.letters.kinds import Needs, ReviewStatement
from hoclient.letters.settings import letters_resources_dir
from hoclient.letters.text import LetterContextError
from hoclient.letters.unverified import LAW
from tests.letters.samples import ALL_CONTEXTS, OFFICER, REVIEW_LAST_DAY, SENIOR

# CI installs poppler-utils (./dev): there a missing pdftotext fails the letter checks.
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None and os.environ.get("CI") != "true", reason="poppler-utils"
)
# An acknowledgement (L0) and a referral we could not follow up (L20) decide nothing; an
# assessment (L2) and a plan (L3) give the day they were made.
LETTERS_OF_NO_DECISION = {
    "application-acknowledgement",
    "assessment-notice",
    "personal-housing-plan",
    "duty-to-refer-no-contact",
}
SYNTAX = ("{{", "}}", "{%", "%}", "{#", "#}")


def pdf_text(pdf: bytes, tmp_path: Path, *extra: str) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", *extra, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())  # lines wrap anywhere: compare words, not lines


def test_dates_are_written_in_full() -> None:
    assert long_date(date(2026, 3, 22)) == "22 March 2026"
    assert long_date(date(2027, 1, 1)) == "1 January 2027"


def test_every_kind_has_its_template_and_a_unique_id() -> None:
    folder = letters_resources_dir() / "templates"
    assert len({kind.id for kind in KINDS}) == len(KINDS)
    for kind in KINDS:
        assert (folder / kind.template_name).is_file(), kind.id


def test_the_catalogue_letters_the_issue_asks_for_all_exist() -> None:
    codes = {kind.code for kind in KINDS}
    assert codes >= {f"L{n}" for n in (0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18)}
    assert {"L19", "L20"} <= codes
    # L5 (interim placement): no statutory notice is known (UNKNOWN), and the case records no
    # placement address, licence or charge yet: it has no template.
    assert "L5" not in codes
    assert {"L13a", "L13b"} <= codes
    # One notice per ground: seven ways prevention ends (s195(8)), six for relief (s189B(7)).
    assert sum(kind.code == "L6" for kind in KINDS) == 7
    assert sum(kind.code == "L9" for kind in KINDS) == 6


@needs_poppler
@pytest.mark.parametrize("kind_id", sorted(ALL_CONTEXTS))
def test_each_letter_states_what_the_law_requires(kind_id: str, tmp_path: Path) -> None:
    context = ALL_CONTEXTS[kind_id]
    kind = context.kind
    text = pdf_text(render_pdf(context), tmp_path)

    assert context.legal_basis in text, "the legal basis (house rule 1)"
    if kind.id in LETTERS_OF_NO_DECISION:
        assert f"{long_date(context.decided_on)}" in text  # taken, or referred, that day
    else:
        assert f"date of the decision is {long_date(context.decided_on)}" in text
    assert f"Date of this letter: {long_date(context.issued_on)}" in text
    assert f"{kind.date_label}: {long_date(context.decided_on)}" in text
    assert OFFICER.name in text and OFFICER.phone in text and OFFICER.email in text
    assert context.case_reference in text
    assert context.council.out_of_hours_phone in text
    for finding in context.reasons:
        assert finding.finding in text
        assert " ".join(finding.reasons.split()) in text, "reasons for each adverse finding"
    if kind.review is ReviewStatement.RIGHT_AND_LAST_DAY:
        assert f"You must ask by {long_date(REVIEW_LAST_DAY)}" in text
        assert "23 March 2026" in text  # 3 March + 20: computed by hand, not by the code
        assert kind.review_paragraph in text
        channels = context.council.review
        assert channels.email in text and channels.phone in text and channels.in_person in text
    elif kind.review is ReviewStatement.NOT_REVIEWABLE:
        assert "does not give a right to a review" in text
    elif kind.review is ReviewStatement.NOT_STATED:
        # letters.md L2: whether the assessment notice must mention a review is UNKNOWN.
        assert "review this decision" not in text
    if Needs.AUTHORISED_BY in kind.needs:
        assert SENIOR.name in text and SENIOR.role in text
    assert not any(mark in text for mark in SYNTAX)


def test_the_interim_accommodation_notice_says_plainly_no_s190_or_s193_duty() -> None:
    # s188(1ZA)(b), R (Mitchell) v Islington [2020] EWHC 1478: it must be explicit.
    text = render_text(ALL_CONTEXTS["interim-accommodation-ends-no-priority-need"]).plain()
    assert "no duty under section 190 or section 193" in text
    assert "9 March 2026" in text  # the day the placement ends


def test_the_private_rented_sector_offer_explains_s195a_unless_restricted() -> None:
    context = ALL_CONTEXTS["private-rented-sector-offer"]
    assert LAW["reapplication_after_prso"] in render_text(context).plain()
    assert context.offer is not None
    restricted = replace(context, offer=replace(context.offer, restricted_case=True))
    assert LAW["reapplication_after_prso"] not in render_text(restricted).plain()


def test_the_prso_term_in_letters_matches_the_duty_engine() -> None:
    months = casework_unverified.PRIVATE_RENTED_SECTOR_OFFER_MINIMUM_MONTHS
    assert LAW["prso_minimum_term"] == f"{months} months"


def test_the_review_decision_prints_the_appeal_deadline() -> None:
    text = render_text(ALL_CONTEXTS["review-decision"]).plain()
    assert "You must appeal by 25 May 2026" in text and "s204(2A)" in text


def test_a_plan_not_agreed_records_why_and_the_steps_required() -> None:
    text = render_text(ALL_CONTEXTS["personal-housing-plan"]).plain()
    assert "Why we could not agree:" in text and "outside Exampletown" in text
    assert "Steps you are required to take" in text and "Register with three letting" in text
    assert "Steps we will take" in text and "Steps we advise you to take" in text


def test_an_adverse_letter_without_reasons_is_refused() -> None:
    context = replace(ALL_CONTEXTS["s184-not-eligible"], reasons=())
    with pytest.raises(LetterContextError, match="needs the reasons"):
        render_text(context)
    blank = replace(context, reasons=(Finding("Not eligible", "  "),))
    with pytest.raises(LetterContextError, match="reasons written out"):
        render_text(blank)


def test_a_letter_missing_what_it_needs_is_refused() -> None:
    with pytest.raises(LetterContextError, match="review"):
        render_text(replace(ALL_CONTEXTS["s184-no-duty"], review=None))
    with pytest.raises(LetterContextError, match="authorised_by"):
        render_text(replace(ALL_CONTEXTS["non-cooperation-notice"], authorised_by=None))


@needs_poppler
def test_markup_in_names_is_printed_not_obeyed(tmp_path: Path) -> None:
    context = replace(
        ALL_CONTEXTS["s184-no-duty"],
        applicant=Applicant("Ann <b>Smith</b> & Sons {{ x }}", ("1 Road",)),
    )
    text = pdf_text(render_pdf(context), tmp_path)
    assert "Ann <b>Smith</b> & Sons {{ x }}" in text


@needs_poppler
def test_large_print_is_16_point(tmp_path: Path) -> None:
    context = ALL_CONTEXTS["s184-prevention-duty"]
    standard = _body_text_height(render_pdf(context), tmp_path)
    large = _body_text_height(render_pdf(context, large_print=True), tmp_path)
    assert large / standard == pytest.approx(16 / 11, rel=0.03)
    pages = _pages(render_pdf(context, large_print=True), tmp_path)
    assert pages > _pages(render_pdf(context), tmp_path)


def _body_text_height(pdf: bytes, tmp_path: Path) -> float:
    """The most common word height: the body text's size, up to the font's line box."""
    html = pdf_text(pdf, tmp_path, "-bbox")
    heights = [
        round(float(y_max) - float(y_min), 1)
        for y_min, y_max in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)
    ]
    return max(set(heights), key=heights.count)


def _pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]


@needs_poppler
def test_dejavu_sans_is_embedded(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(render_pdf(ALL_CONTEXTS["s184-no-duty"]))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [line for line in fonts.splitlines() if "DejaVuSans" in line]
    assert rows and all(" yes " in row for row in rows), fonts
