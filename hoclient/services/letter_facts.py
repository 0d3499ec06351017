"""What three letters state that no case record holds: the officer gives it when issuing.

The s188(1ZA)(b) notice (letters.md L8) names the placement and when it ends; the s193B
relevant warning (L13a) names the step not taken, the date to take it by and the help on
offer; the local connection referral (L14) names the other council. The duty history records
only that the placement, warning or referral happened, so these travel with the letter draft
and are kept with the issued letter (in its PDF, and as text beside the reasons).
"""

from dataclasses import dataclass
from datetime import date

from hoclient.letters.context import Placement, Referral, Warning
from hoclient.letters.text import long_date

PLACEMENT_NOTICE = "interim-accommodation-ends-no-priority-need"
RELEVANT_WARNING = "relevant-warning"
REFERRAL_LETTER = "local-connection-referral"

ADDRESS_MAX_LINES = 8
LINE_MAX_CHARS = 120
TEXT_MAX_CHARS = 2_000
# Where the officer leaves the referral's practical details out, the letter says so plainly
# (as `hoclient letter render --history` does).
OFFICER_WILL_TELL_YOU = "Your officer will tell you."

# The facts each kind needs, by LetterFacts field: the dialog shows only these.
FACTS_NEEDED: dict[str, tuple[str, ...]] = {
    PLACEMENT_NOTICE: ("placement_address", "placement_ends"),
    RELEVANT_WARNING: ("warning_step", "warning_take_by", "warning_support"),
    REFERRAL_LETTER: ("other_council",),
}
# And the ones the officer may give (a referral's practical details: letters.md L14).
FACTS_OPTIONAL: dict[str, tuple[str, ...]] = {
    REFERRAL_LETTER: ("referral_accommodation", "referral_travel"),
}


@dataclass(frozen=True)
class LetterFacts:
    """Facts a letter states that the case does not record; blank when not given."""

    placement_address: tuple[str, ...] = ()
    placement_ends: date | None = None
    warning_step: str = ""
    warning_take_by: date | None = None
    warning_support: str = ""
    other_council: str = ""
    referral_accommodation: str = ""  # what happens to interim accommodation meanwhile
    referral_travel: str = ""


def facts_for(kind_id: str) -> tuple[str, ...]:
    """Every fact the kind's letter takes from the officer (needed first), or none."""
    return FACTS_NEEDED.get(kind_id, ()) + FACTS_OPTIONAL.get(kind_id, ())


def facts_problems(kind_id: str, facts: LetterFacts, *, today: date) -> dict[str, str]:
    """Field -> what is wrong with it, in words an officer can act on; {} when all is well.

    Facts a kind does not state are not looked at (the draft may carry them from another pick).
    """
    wanted = facts_for(kind_id)
    problems: dict[str, str] = {}
    if "placement_address" in wanted:
        lines = _lines(facts.placement_address)
        if not lines:
            problems["placement_address"] = "Give the address of the interim accommodation."
        elif len(lines) > ADDRESS_MAX_LINES or any(len(x) > LINE_MAX_CHARS for x in lines):
            problems["placement_address"] = (
                f"An address has at most {ADDRESS_MAX_LINES} lines of at most "
                f"{LINE_MAX_CHARS} characters."
            )
    if "placement_ends" in wanted:
        if facts.placement_ends is None:
            problems["placement_ends"] = "Give the date the interim accommodation ends."
        elif facts.placement_ends < today:
            problems["placement_ends"] = (
                "The interim accommodation cannot end before the date of this letter "
                f"({long_date(today)}): the notice is what ends it (s188(1ZA)(b))."
            )
    if "warning_step" in wanted and not facts.warning_step.strip():
        problems["warning_step"] = "Name the step the applicant has not taken."
    if "warning_take_by" in wanted:
        if facts.warning_take_by is None:
            problems["warning_take_by"] = "Give the date by which to take the step."
        elif facts.warning_take_by <= today:
            problems["warning_take_by"] = (
                f"The date to take the step by must be after the date of this letter "
                f"({long_date(today)}): the applicant needs a reasonable period (s193B(5))."
            )
    if "warning_support" in wanted and not facts.warning_support.strip():
        problems["warning_support"] = "Say what help we offer with the step."
    if "other_council" in wanted:
        if not facts.other_council.strip():
            problems["other_council"] = "Name the council the application is referred to."
        elif len(facts.other_council) > LINE_MAX_CHARS:
            problems["other_council"] = f"A council's name has at most {LINE_MAX_CHARS} characters."
    for name in ("warning_step", "warning_support", "referral_accommodation", "referral_travel"):
        if name in wanted and name not in problems and len(getattr(facts, name)) > TEXT_MAX_CHARS:
            problems[name] = f"This holds at most {TEXT_MAX_CHARS:,} characters."
    return problems


def placement_of(facts: LetterFacts) -> Placement | None:
    lines = _lines(facts.placement_address)
    if not lines or facts.placement_ends is None:
        return None
    return Placement(lines, facts.placement_ends)


def warning_of(facts: LetterFacts) -> Warning | None:
    step, support = facts.warning_step.strip(), facts.warning_support.strip()
    if not step or not support or facts.warning_take_by is None:
        return None
    return Warning(step, facts.warning_take_by, support)


def referral_of(facts: LetterFacts) -> Referral | None:
    other = facts.other_council.strip()
    if not other:
        return None
    return Referral(
        other,
        "relief",  # a referral letter is owed only by relief ending on referral (s198(A1))
        facts.referral_accommodation.strip() or OFFICER_WILL_TELL_YOU,
        facts.referral_travel.strip() or OFFICER_WILL_TELL_YOU,
    )


def facts_in_words(kind_id: str, facts: LetterFacts) -> str:
    """What the letter stated beyond the case, for the issued record's text; "" if nothing."""
    if kind_id == PLACEMENT_NOTICE and (placement := placement_of(facts)):
        return (
            f"Interim accommodation: {', '.join(placement.address)}; "
            f"ends {long_date(placement.ends_on)}."
        )
    if kind_id == RELEVANT_WARNING and (warning := warning_of(facts)):
        return (
            f"Step not taken: {warning.step}\nTake by: {long_date(warning.take_by)}\n"
            f"Help offered: {warning.support}"
        )
    if kind_id == REFERRAL_LETTER and (referral := referral_of(facts)):
        return (
            f"Referred to: {referral.other_council}\n"
            f"Accommodation meanwhile: {referral.interim_accommodation}\n"
            f"Travel: {referral.travel}"
        )
    return ""


def _lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(line.strip() for line in lines if line.strip())
