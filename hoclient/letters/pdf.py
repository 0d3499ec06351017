"""The letter's words -> an A4 PDF: letterhead, addresses, summary box, body, signature.

reportlab's Platypus lays it out. DejaVu Sans is embedded (TrueType) so a letter prints the
same everywhere and £, – and accented names come out; where the font files cannot be found
the letter falls back to Helvetica, one of the PDF standard fonts, and says so in the log.
Large print is 16 pt throughout (letters.md §4: accessible formats on request).
"""

import functools
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from hoclient.letters.context import LetterContext
from hoclient.letters.settings import letters_resources_dir
from hoclient.letters.text import Block, BlockKind, LetterText, long_date, render_text

log = logging.getLogger(__name__)

STANDARD_POINTS = 11.0
LARGE_PRINT_POINTS = 16.0
_MARGIN = 20 * mm
_BOX_COLOUR = colors.HexColor("#EEF3F8")
_RULE_COLOUR = colors.HexColor("#2B4C7E")

# Ours first (a council may ship the font beside the templates), then Debian's
# fonts-dejavu-core, which ./dev installs.
FONT_FOLDERS = (
    letters_resources_dir() / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    embedded: bool


_FONTS: Fonts | None = None


def letter_fonts() -> Fonts:
    global _FONTS
    if _FONTS is None:
        _FONTS = _register_fonts()
    return _FONTS


def _register_fonts() -> Fonts:
    for folder in FONT_FOLDERS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            pdfmetrics.registerFontFamily(
                "DejaVuSans",
                normal="DejaVuSans",
                bold="DejaVuSans-Bold",
                italic="DejaVuSans",
                boldItalic="DejaVuSans-Bold",
            )
            return Fonts("DejaVuSans", "DejaVuSans-Bold", embedded=True)
    log.warning("DejaVu Sans not found in %s; letters use Helvetica", FONT_FOLDERS)
    return Fonts("Helvetica", "Helvetica-Bold", embedded=False)


class _Paragraph(Paragraph):
    """A Paragraph that breaks its lines once per width, not once per wrap call.

    Platypus asks a paragraph its size several times before drawing it: a KeepTogether, a
    list or a table cell wraps it to measure, then the frame (or the table when drawing)
    wraps it again at the same width, and line breaking is most of a letter's layout time.
    wrap depends only on the width (Paragraph.wrap ignores availHeight), so a repeat at the
    same width keeps the lines already broken: the same state a second break would leave.
    Drawing or splitting forgets them, so anything after those breaks afresh.
    """

    _wrapped_at: float | None = None

    def _setup(
        self,
        text: str,
        style: ParagraphStyle,
        bullet_text: str | None,
        frags: list[Any] | None,
        cleaner: Callable[[str], str],
    ) -> None:
        # Parsing the markup costs about as much as breaking the lines, and most of a
        # letter's paragraphs are the same from one render to the next (preview, then
        # issue): parse a (text, style) once and give each paragraph its own copy of the
        # fragments, since laying out changes them.
        key = (text, style)
        cacheable = frags is None and bullet_text is None
        parsed = _PARSED.get(key) if cacheable else None
        if parsed is not None:
            text, style, frags = parsed.text, parsed.style, _copies(parsed.frags)
        super()._setup(text, style, bullet_text, frags, cleaner)  # type: ignore[misc]
        if cacheable and parsed is None and self.bulletText is None:
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[key] = _Parsed(self.text, self.style, _copies(self.frags))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width == self._wrapped_at:
            return self.width, self.height
        width, height = super().wrap(avail_width, avail_height)
        # Too narrow to fit returns early without breaking any lines: nothing to keep.
        self._wrapped_at = avail_width if (width, height) == (self.width, self.height) else None
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._wrapped_at = None
        parts = super().split(avail_width, avail_height)
        self._wrapped_at = None
        return parts

    def draw(self) -> None:
        self._wrapped_at = None
        super().draw()


@dataclass(frozen=True)
class _Parsed:
    text: str
    style: ParagraphStyle
    frags: list[Any]


_PARSED: dict[tuple[str, ParagraphStyle], _Parsed] = {}
_PARSED_MAX = 4096  # a few hundred letters' worth; then start again


def _copies(frags: list[Any]) -> list[Any]:
    # A fragment's own lists (links, underlines) are copied too: nothing is shared.
    return [
        frag.clone(**{k: list(v) for k, v in frag.__dict__.items() if isinstance(v, list)})
        for frag in frags
    ]


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    subject: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    box_heading: ParagraphStyle
    council: ParagraphStyle
    points: float


@functools.cache  # one set per size for the process: _Paragraph's parse cache is keyed by style
def _styles(points: float) -> _Styles:
    fonts = letter_fonts()
    leading = points * 1.3
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=points, leading=leading, spaceAfter=points * 0.5
    )
    small = ParagraphStyle("small", parent=body, spaceAfter=0)
    return _Styles(
        body=body,
        small=small,
        subject=ParagraphStyle(
            "subject",
            parent=body,
            fontName=fonts.bold,
            fontSize=points * 1.3,
            leading=points * 1.6,
            spaceBefore=points * 0.8,
            spaceAfter=points * 0.6,
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=fonts.bold,
            spaceBefore=points * 0.6,
            spaceAfter=points * 0.3,
            keepWithNext=True,
        ),
        subheading=ParagraphStyle(
            "subheading", parent=body, fontName=fonts.bold, spaceAfter=0, keepWithNext=True
        ),
        box_heading=ParagraphStyle("box", parent=body, fontName=fonts.bold),
        council=ParagraphStyle(
            "council",
            parent=small,
            alignment=TA_RIGHT,
            fontSize=points * 0.9,
            leading=points * 0.9 * 1.3,
        ),
        points=points,
    )


def render_pdf(context: LetterContext, *, large_print: bool = False) -> bytes:
    """The letter as PDF bytes, ready to hand over, post or email."""
    return layout_pdf(context, render_text(context), large_print=large_print)


def layout_pdf(context: LetterContext, text: LetterText, *, large_print: bool = False) -> bytes:
    styles = _styles(LARGE_PRINT_POINTS if large_print else STANDARD_POINTS)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN + 10 * mm,  # room for the three-line footer
        title=text.subject,
        author=context.council.name,
        subject=f"{context.kind.code} {context.kind.title}",
        creator="hoclient",
    )
    # SimpleDocTemplate's frame pads 6 pt each side: tables as wide as that keep the
    # letterhead and the summary box in line with the paragraphs.
    width = document.width - 12
    story: list[Flowable] = [
        *_letterhead(context, styles, width),
        _Paragraph(text.subject, styles.subject),
        _summary_box(text.summary, styles, width),
        Spacer(1, styles.points * 0.6),
        *_ending(_blocks(text.body, styles), _signature(context, styles)),
    ]
    footer = _footer(context, styles)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _letterhead(context: LetterContext, styles: _Styles, width: float) -> list[Flowable]:
    council, officer = context.council, context.officer
    # The address on two or three lines, not six: the letter's first page is for the decision.
    council_lines = "<br/>".join(
        [
            f"<b>{_escape(council.name)}</b>",
            _escape(council.service),
            _escape(", ".join(council.address)),
        ]
    )
    logo: Flowable = Spacer(1, 1)
    if council.logo is not None:
        if council.logo.is_file():
            logo = Image(str(council.logo), width=40 * mm, height=20 * mm, kind="proportional")
        else:
            log.warning("council logo %s not found; letter printed without it", council.logo)
    top = Table(
        [[logo, _Paragraph(council_lines, styles.council)]],
        colWidths=[width * 0.45, width * 0.55],
    )
    top.setStyle(_PLAIN_TABLE)
    applicant = "<br/>".join(
        _escape(line) for line in (context.applicant.name, *context.applicant.address)
    )
    facts = "<br/>".join(
        [
            f"Our reference: <b>{_escape(context.case_reference)}</b>",
            f"Date of this letter: {long_date(context.issued_on)}",
            f"{context.kind.date_label}: {long_date(context.decided_on)}",
            f"Officer: {_escape(officer.name)}, {_escape(officer.role)}",
            f"Phone: {_escape(officer.phone)}",
            f"Email: {_escape(officer.email)}",
        ]
    )
    if styles.points >= LARGE_PRINT_POINTS:
        # At 16 pt two columns break every date and email across lines: one under the other.
        addresses = Table(
            [
                [_Paragraph(applicant, styles.small)],
                [Spacer(1, styles.points * 0.6)],
                [_Paragraph(facts, styles.small)],
            ],
            colWidths=[width],
        )
    else:
        # The facts column is the wider one: it holds the longest lines (officer, email).
        addresses = Table(
            [[_Paragraph(applicant, styles.small), _Paragraph(facts, styles.small)]],
            colWidths=[width * 0.42, width * 0.58],
        )
    addresses.setStyle(_PLAIN_TABLE)
    return [top, Spacer(1, styles.points), addresses]


_PLAIN_TABLE = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]
)


def _summary_box(summary: tuple[Block, ...], styles: _Styles, width: float) -> Flowable:
    # One row per point, so a long box (large print) splits between pages instead of
    # jumping whole to the next one and leaving page 1 blank under the subject.
    rows: list[list[Flowable]] = [[_Paragraph("In short", styles.box_heading)]]
    rows += [[flowable] for flowable in _blocks(summary, styles)]
    box = Table(rows, colWidths=[width])
    pad = styles.points * 0.8
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _BOX_COLOUR),
                ("BOX", (0, 0), (-1, -1), 1.5, _RULE_COLOUR),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), styles.points * 0.6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), styles.points * 0.3),
            ]
        )
    )
    return box


def _blocks(blocks: tuple[Block, ...], styles: _Styles) -> list[Flowable]:
    flowables: list[Flowable] = []
    bullets: list[Flowable] = []

    def end_list() -> None:
        if bullets:
            flowables.append(
                ListFlowable(
                    list(bullets),
                    bulletType="bullet",
                    start="•",
                    bulletFontName=styles.body.fontName,
                    bulletFontSize=styles.points,
                    leftIndent=styles.points * 1.4,
                )
            )
            bullets.clear()

    for block in blocks:
        if block.kind is BlockKind.BULLET:
            bullets.append(_Paragraph(block.text, styles.body))
            continue
        end_list()
        style = {
            BlockKind.HEADING: styles.heading,
            BlockKind.SUBHEADING: styles.subheading,
        }.get(block.kind, styles.body)
        flowables.append(_Paragraph(block.text, style))
    end_list()
    return flowables


def _ending(body: list[Flowable], signature: list[Flowable]) -> list[Flowable]:
    # The signature never sits alone on the last page: it takes the body's last part along.
    if not body:
        return signature
    return [*body[:-2], KeepTogether([*body[-2:], *signature])]


def _signature(context: LetterContext, styles: _Styles) -> list[Flowable]:
    lines = [
        "Yours sincerely",
        "",
        f"<b>{_escape(context.officer.name)}</b>",
        _escape(context.officer.role),
        *(_escape(line) for line in context.council.signature_block),
    ]
    if context.authorised_by is not None:
        lines += [
            "",
            f"Authorised by <b>{_escape(context.authorised_by.name)}</b>, "
            f"{_escape(context.authorised_by.role)}",
        ]
    return [Spacer(1, styles.points), _Paragraph("<br/>".join(lines), styles.small)]


def _footer(context: LetterContext, styles: _Styles) -> "_FooterCallback":
    return _FooterCallback(context, styles)


class _FooterCallback:
    """Every page: whose letter it is and which page, so a loose page finds its letter."""

    def __init__(self, context: LetterContext, styles: _Styles) -> None:
        self._lines = (
            f"{context.council.name} · Out of hours: {context.council.out_of_hours_phone}",
            "Large print, other formats, translations and interpreters on request",
            f"Reference {context.case_reference} · Page ",
        )
        self._font = styles.small.fontName
        # Large print stays large in the footer too, within the bottom margin.
        self._points = 11.0 if styles.points > STANDARD_POINTS else 8.0

    def __call__(self, canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(self._font, self._points)
        canvas.setFillColor(colors.HexColor("#444444"))
        line_height = self._points * 1.25
        top = 8 * mm + 2 * line_height
        *first, last = self._lines
        for number, line in enumerate(first):
            canvas.drawString(_MARGIN, top - number * line_height, line)
        canvas.drawString(_MARGIN, top - len(first) * line_height, f"{last}{document.page}")
        canvas.restoreState()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
