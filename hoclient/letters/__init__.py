"""Statutory letters and the Personalised Housing Plan, as PDF (letters.md L1-L19).

`render_pdf(context)` writes one letter from a LetterContext of plain values; the wording is
in resources/letters/templates/, the council's details in resources/letters/council.toml.
This layer decides no law: its callers bring every decision and every date.
"""

from hoclient.letters.context import LetterContext
from hoclient.letters.kinds import KINDS, LetterKind, letter_kind
from hoclient.letters.pdf import render_pdf
from hoclient.letters.text import LetterTemplateError, long_date, render_text

__all__ = [
    "KINDS",
    "LetterContext",
    "LetterKind",
    "LetterTemplateError",
    "letter_kind",
    "long_date",
    "render_pdf",
    "render_text",
]
