"""Template -> the letter's words, as blocks: the council's Jinja2 text templates, rendered.

A template renders to a small line-based markup the PDF layer lays out:

    # Subject line                 (once, first)
    [summary] ... [/summary]       the plain-English box at the top
    ## Heading
    ### Sub-heading                (kept with what follows it)
    - a bullet point
    a paragraph: consecutive lines, ended by a blank line

Values are escaped for reportlab's paragraph markup (autoescape); a template's own text may
use <b> and <i>. An undefined name is an error (StrictUndefined), and any template syntax
left in the result is refused, so none can ever reach a PDF.
"""

import enum
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import jinja2

from hoclient.letters.context import LetterContext, what_is_missing
from hoclient.letters.settings import letters_resources_dir
from hoclient.letters.unverified import LAW


class LetterTemplateError(Exception):
    """A template is missing, broken, or left syntax or an unknown name in the letter."""


class LetterContextError(Exception):
    """The letter cannot be written from what was given: a required part is missing."""


class BlockKind(enum.Enum):
    HEADING = "heading"
    SUBHEADING = "subheading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str  # reportlab paragraph markup


@dataclass(frozen=True)
class LetterText:
    subject: str
    summary: tuple[Block, ...]
    body: tuple[Block, ...]

    def plain(self) -> str:
        """Every word of the letter, markup removed: for tests and the leak check."""
        lines = [self.subject, *(b.text for b in self.summary), *(b.text for b in self.body)]
        return _TAGS.sub("", "\n".join(lines))


_TAGS = re.compile(r"<[^>]+>")
_LEFT_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day: date) -> str:
    """22 March 2026: no ordinal, no weekday, never ambiguous (letters.md, dates in full)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def templates_dir() -> Path:
    return letters_resources_dir() / "templates"


def environment(folder: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder or templates_dir()),
        autoescape=True,  # names like "O'Brien & Sons" must not break reportlab's markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = _long_date_filter
    env.filters["sentence_start"] = _sentence_start
    return env


def _sentence_start(value: object) -> str:
    """A value that opens a sentence, its first letter a capital ("a reviewing officer...")."""
    text = str(value)
    return text[:1].upper() + text[1:]


def _long_date_filter(value: object) -> str:
    if not isinstance(value, date):
        raise LetterTemplateError(f"long_date needs a date, not {value!r}")
    return long_date(value)


def render_text(context: LetterContext, env: jinja2.Environment | None = None) -> LetterText:
    if problem := what_is_missing(context):
        raise LetterContextError(problem)
    env = env or _default_environment()
    name = context.kind.template_name
    try:
        template = env.get_template(name)
        rendered = template.render(_variables(context))
    except jinja2.TemplateNotFound as error:
        raise LetterTemplateError(f"no template {error.name!r} for {context.kind.id}") from None
    except jinja2.UndefinedError as error:
        raise LetterTemplateError(f"template {name}: {error.message}") from None
    except jinja2.TemplateSyntaxError as error:
        raise LetterTemplateError(
            f"template {error.name or name}, line {error.lineno}: {error.message}"
        ) from None
    return parse_markup(rendered, name)


_ENVIRONMENT: jinja2.Environment | None = None


def _default_environment() -> jinja2.Environment:
    # Compiling templates costs more than laying out a letter: keep one environment (and its
    # template cache, which reloads a template whose file changed) for the process.
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        _ENVIRONMENT = environment()
    return _ENVIRONMENT


def _variables(context: LetterContext) -> dict[str, object]:
    # Plain dicts all the way down: a template reads review.last_day, not a Python object.
    variables: dict[str, object] = {
        name: getattr(context, name) for name in context.__dataclass_fields__ if name != "kind"
    }
    for name, value in list(variables.items()):
        if hasattr(value, "__dataclass_fields__"):
            variables[name] = asdict(value)  # type: ignore[call-overload]
    variables["reasons"] = [asdict(finding) for finding in context.reasons]
    kind = context.kind
    variables["kind"] = {
        "id": kind.id,
        "code": kind.code,
        "title": kind.title,
        "basis": kind.basis,
        "review": kind.review.value,
    }
    variables["law"] = LAW
    return variables


def parse_markup(rendered: str, name: str) -> LetterText:
    if found := _LEFT_SYNTAX.search(rendered):
        raise LetterTemplateError(f"template {name} left {found.group()!r} in the letter")
    subject = ""
    summary: list[Block] = []
    body: list[Block] = []
    target = body
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            target.append(Block(BlockKind.PARAGRAPH, " ".join(paragraph)))
            paragraph.clear()

    for raw in rendered.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line == "[summary]":
            flush()
            target = summary
        elif line == "[/summary]":
            flush()
            target = body
        elif line.startswith("### "):
            flush()
            target.append(Block(BlockKind.SUBHEADING, line[4:].strip()))
        elif line.startswith("## "):
            flush()
            target.append(Block(BlockKind.HEADING, line[3:].strip()))
        elif line.startswith("# "):
            flush()
            if subject:
                raise LetterTemplateError(f"template {name} has more than one subject line")
            subject = line[2:].strip()
        elif line.startswith("- "):
            flush()
            target.append(Block(BlockKind.BULLET, line[2:].strip()))
        else:
            paragraph.append(line)
    flush()
    if not subject:
        raise LetterTemplateError(f"template {name} has no subject line ('# ...')")
    if not summary:
        raise LetterTemplateError(f"template {name} has no [summary] box")
    return LetterText(subject, tuple(summary), tuple(body))
