"""What a letter is written from: plain values its caller gathers from the case.

The letters layer sits below casework (DESIGN.md, Layers): it decides no law and computes no
clock. Every date it prints, the last day to ask for a review above all, is worked out by
the duty engine and handed in here.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hoclient.letters.kinds import LetterKind, Needs


@dataclass(frozen=True)
class ReviewChannels:
    """Every way the council accepts a review request (letters.md §4, rule 4)."""

    address: tuple[str, ...]
    email: str
    phone: str
    in_person: str


@dataclass(frozen=True)
class Council:
    name: str
    service: str  # e.g. "Housing Options Service"
    address: tuple[str, ...]
    phone: str
    email: str
    out_of_hours_phone: str
    website: str
    review: ReviewChannels
    signature_block: tuple[str, ...]
    independent_advice: tuple[str, ...]
    logo: Path | None = None  # optional: a letter without a logo is still a letter


@dataclass(frozen=True)
class Officer:
    name: str
    role: str
    phone: str
    email: str


@dataclass(frozen=True)
class Applicant:
    name: str
    address: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One point decided against the applicant, and why, in the Act's terms (s184(3))."""

    finding: str
    reasons: str


@dataclass(frozen=True)
class ReviewRight:
    """The s202 review right of this decision, as the duty engine computed it."""

    last_day: date  # 21 days beginning with the day notified (s202(3))
    notified_on: date  # the day relied on as notification
    paragraph: str  # the s202(1) paragraph, e.g. "HA 1996 s202(1)(b)"
    decided_within_weeks: int | None = None  # SI 2018/223 reg 9, when known


@dataclass(frozen=True)
class ReviewProcess:
    """A review under way, or decided (letters.md L18, L19)."""

    requested_on: date
    decision_reviewed: str  # what is under review, in words, with its date
    decision_due_on: date  # SI 2018/223 reg 9, from the duty engine
    reviewer: str  # the reviewing officer's name and role
    upheld: bool | None = None  # the review decision; None before it is made
    appeal_last_day: date | None = None  # s204(2), from the duty engine
    representations_by: date | None = None  # minded-to letters (reg 7)


@dataclass(frozen=True)
class AssessmentText:
    """The three parts of the s189A(2) assessment, as the officer wrote them."""

    circumstances: str
    housing_needs: str
    support_needs: str


@dataclass(frozen=True)
class PlanStep:
    text: str
    owner: str
    due_on: date | None
    status: str  # open, done, not done, withdrawn


@dataclass(frozen=True)
class Plan:
    """The Personalised Housing Plan (s189A(4)-(6))."""

    agreed: bool
    applicant_steps: tuple[PlanStep, ...]
    council_steps: tuple[PlanStep, ...]
    advised_steps: tuple[PlanStep, ...] = ()
    not_agreed_because: str = ""  # s189A(6)(a): why agreement failed
    version: int = 1
    revised: bool = False  # an earlier version was given to the applicant (s189A(10)-(11))


@dataclass(frozen=True)
class Offer:
    """An offer of accommodation (final offer at relief, or a PRSO)."""

    address: tuple[str, ...]
    landlord: str
    rent: str  # as the landlord states it, e.g. "£825 a month"
    tenancy: str  # e.g. "Assured shorthold tenancy, fixed term of 12 months"
    starts_on: date
    fixed_term_ends_on: date
    viewing: str
    reply_by: date
    final_part6: bool = False  # a final Part 6 offer rather than a private tenancy
    restricted_case: bool = False  # s193(7AB): no s195A paragraph in a restricted case


@dataclass(frozen=True)
class Referral:
    other_council: str
    stage: str  # "relief" (s198(A1)) or "main duty" (s198(1))
    interim_accommodation: str  # what happens to it meanwhile
    travel: str


@dataclass(frozen=True)
class Placement:
    address: tuple[str, ...]
    ends_on: date


@dataclass(frozen=True)
class Warning:
    """A relevant warning (s193B(4)-(5)): the step refused, and by when to take it."""

    step: str
    take_by: date
    support: str


@dataclass(frozen=True)
class ReferralReceived:
    """A s213B referral from a public body we could not follow up (letters.md L20)."""

    referred_by: str  # the body, and the agency if named
    referred_on: date
    reply_by: date  # the council's own period (council.toml), not a statutory one


@dataclass(frozen=True)
class LetterContext:
    kind: LetterKind
    council: Council
    officer: Officer
    applicant: Applicant
    case_reference: str
    issued_on: date
    decided_on: date
    legal_basis: str  # what the letter states as its basis; usually kind.basis
    reasons: tuple[Finding, ...] = ()
    review: ReviewRight | None = None
    period_ends_on: date | None = None  # day 56 of prevention or relief
    assessment: AssessmentText | None = None
    plan: Plan | None = None
    offer: Offer | None = None
    referral: Referral | None = None
    placement: Placement | None = None
    warning: Warning | None = None
    authorised_by: Officer | None = None  # s193B: SI 2018/223 reg 3
    review_process: ReviewProcess | None = None
    ground: str = ""  # main duty ended: the s193 event, in words
    referral_received: ReferralReceived | None = None


_NEEDED_FIELD = {
    Needs.REVIEW: "review",
    Needs.PERIOD_END: "period_ends_on",
    Needs.ASSESSMENT: "assessment",
    Needs.PLAN: "plan",
    Needs.OFFER: "offer",
    Needs.REFERRAL: "referral",
    Needs.PLACEMENT: "placement",
    Needs.WARNING: "warning",
    Needs.AUTHORISED_BY: "authorised_by",
    Needs.REVIEW_PROCESS: "review_process",
    Needs.REFERRAL_RECEIVED: "referral_received",
}


def what_is_missing(context: LetterContext) -> str | None:
    """Why this context cannot make its letter lawfully; None when it can."""
    kind = context.kind
    missing = sorted(
        _NEEDED_FIELD[need] for need in kind.needs if getattr(context, _NEEDED_FIELD[need]) is None
    )
    if missing:
        return f"a {kind.id} letter needs {', '.join(missing)}"
    if kind.adverse and not context.reasons and not _overturned_review(context):
        # s184(3): reasons for every point decided against the applicant. None is never
        # made up: the officer writes them.
        return f"a {kind.id} letter decides against the applicant and needs the reasons"
    if any(not finding.reasons.strip() for finding in context.reasons):
        return "every finding needs its reasons written out"
    if kind.id == "main-duty-ended" and not context.ground:
        return "a main-duty-ended letter needs the s193 ground, in words"
    return None


def _overturned_review(context: LetterContext) -> bool:
    process = context.review_process
    return process is not None and process.upheld is False
