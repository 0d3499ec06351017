"""The letters hoclient writes: one kind per letter or notice of ../shared/domain/letters.md.

Each kind has a stable id (its template is resources/letters/templates/<id>.txt), the
catalogue code (L1-L19), the section it is given under, whether it decides something against
the applicant (then the reasons for each finding are required, s184(3)), and what it must say
about a review.
"""

import enum
from dataclasses import dataclass


class ReviewStatement(enum.Enum):
    """What a letter says about a s202 review (letters.md §2, "review")."""

    RIGHT_AND_LAST_DAY = "right_and_last_day"  # the right, its exact last day, how to ask
    NOT_REVIEWABLE = "not_reviewable"  # says plainly it cannot itself be reviewed
    NOT_STATED = "not_stated"  # the law's requirement is UNKNOWN: nothing is invented
    DECISION_DUE = "decision_due"  # a review under way: the day its decision is due
    APPEAL = "appeal"  # a review decided: the s204 appeal and its last day


class Needs(enum.Enum):
    """Parts of a LetterContext a kind cannot be written without."""

    REVIEW = "review"
    PERIOD_END = "period_end"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    OFFER = "offer"
    REFERRAL = "referral"
    PLACEMENT = "placement"
    WARNING = "warning"
    AUTHORISED_BY = "authorised_by"
    REVIEW_PROCESS = "review_process"
    REFERRAL_RECEIVED = "referral_received"


@dataclass(frozen=True)
class LetterKind:
    id: str
    code: str  # letters.md §2
    title: str
    basis: str  # the section the letter is given under, as the letter states it
    adverse: bool  # decides against the applicant: reasons for each finding (s184(3))
    review: ReviewStatement
    review_paragraph: str  # the s202(1) paragraph a review falls under; "" if none
    needs: frozenset[Needs] = frozenset()
    # What the letter's `decided_on` is, as its heading names it: a letter of no decision
    # (an acknowledgement, an assessment) must not call its date a decision's.
    date_label: str = "Date of decision"

    @property
    def template_name(self) -> str:
        return f"{self.id}.txt"


def _kind(
    id: str,
    code: str,
    title: str,
    basis: str,
    *,
    adverse: bool,
    review: ReviewStatement = ReviewStatement.RIGHT_AND_LAST_DAY,
    paragraph: str = "",
    needs: tuple[Needs, ...] = (),
    date_label: str = "Date of decision",
) -> LetterKind:
    wanted = set(needs)
    if review is ReviewStatement.RIGHT_AND_LAST_DAY:
        wanted.add(Needs.REVIEW)
    if review in (ReviewStatement.DECISION_DUE, ReviewStatement.APPEAL):
        wanted.add(Needs.REVIEW_PROCESS)
    return LetterKind(
        id, code, title, basis, adverse, review, paragraph, frozenset(wanted), date_label
    )


# Grounds for ending prevention by notice (s195(8)) and relief by notice (s189B(7)): one
# letter each, because each names its own circumstance (s195(7), s189B(6)). The lettering
# after (a) is unverified (hoclient/letters/unverified.py).
PREVENTION_ENDING_GROUNDS = {
    "suitable-accommodation": ("(a)", "suitable accommodation is available"),
    "fifty-six-days-complied": ("(b)", "56 days have passed and we have done our duty"),
    "became-homeless": ("(c)", "you have become homeless"),
    "refused-suitable-offer": ("(d)", "you refused an offer of suitable accommodation"),
    "intentionally-homeless-from-accommodation": (
        "(e)",
        "you became homeless intentionally from accommodation we helped you get",
    ),
    "no-longer-eligible": ("(f)", "you are no longer eligible for help"),
    "withdrawn": ("(g)", "your application has been withdrawn"),
}
RELIEF_ENDING_GROUNDS = {
    "suitable-accommodation": ("(a)", "suitable accommodation is available"),
    "fifty-six-days-complied": ("(b)", "56 days have passed and we have done our duty"),
    "refused-suitable-offer": ("(c)", "you refused an offer of suitable accommodation"),
    "intentionally-homeless-from-accommodation": (
        "(d)",
        "you became homeless intentionally from accommodation we helped you get",
    ),
    "no-longer-eligible": ("(e)", "you are no longer eligible for help"),
    "withdrawn": ("(f)", "your application has been withdrawn"),
}
# Becoming homeless ends prevention so that relief can begin: it decides nothing against the
# applicant (issue 4 gives it no review clock), though the notice still states the right.
_NOT_ADVERSE_PREVENTION_GROUNDS = {"became-homeless"}

_R = ReviewStatement

KINDS: tuple[LetterKind, ...] = (
    # L0: no statutory notice was found (letters.md §2); good practice only, no review.
    _kind(
        "application-acknowledgement",
        "L0",
        "We have your application for help with housing",
        "HA 1996 s183 and s184(1)",
        adverse=False,
        review=ReviewStatement.NOT_STATED,
        date_label="Date of application",
    ),
    _kind(
        "s184-not-eligible",
        "L1",
        "Decision: not eligible for assistance",
        "HA 1996 s184(3) and s185",
        adverse=True,
        paragraph="HA 1996 s202(1)(a)",
    ),
    _kind(
        "s184-no-duty",
        "L1",
        "Decision: not homeless or threatened with homelessness",
        "HA 1996 s184(3) and s175",
        adverse=True,
        paragraph="HA 1996 s202(1)(b)",
    ),
    _kind(
        "assessment-notice",
        "L2",
        "Your housing needs assessment",
        "HA 1996 s189A(3)",
        adverse=False,
        review=_R.NOT_STATED,
        needs=(Needs.ASSESSMENT,),
        date_label="Date of assessment",
    ),
    _kind(
        "personal-housing-plan",
        "L3",
        "Your Personalised Housing Plan",
        "HA 1996 s189A(4)-(6)",
        adverse=False,
        paragraph="HA 1996 s202(1)(ba)(i) or (bc)",
        needs=(Needs.PLAN,),
        date_label="Date of plan",
    ),
    _kind(
        "s184-prevention-duty",
        "L4",
        "Decision: we owe you the prevention duty",
        "HA 1996 s184(3) and s195(2)",
        adverse=False,
        paragraph="HA 1996 s202(1)(b)",
        needs=(Needs.PERIOD_END,),
    ),
    *(
        _kind(
            f"prevention-ended-{ground}",
            "L6",
            f"Notice ending the prevention duty: {words}",
            f"HA 1996 s195(5) and s195(8){letter}",
            adverse=ground not in _NOT_ADVERSE_PREVENTION_GROUNDS,
            paragraph="HA 1996 s202(1)(bc)",
        )
        for ground, (letter, words) in PREVENTION_ENDING_GROUNDS.items()
    ),
    _kind(
        "s184-relief-duty",
        "L7",
        "Decision: we owe you the relief duty",
        "HA 1996 s184(3) and s189B(2)",
        adverse=False,
        paragraph="HA 1996 s202(1)(b)",
        needs=(Needs.PERIOD_END,),
    ),
    _kind(
        "interim-accommodation-ends-no-priority-need",
        "L8",
        "Decision: no priority need, and your interim accommodation will end",
        "HA 1996 s184(3) and s188(1ZA)(b)",
        adverse=True,
        paragraph="HA 1996 s202(1)(b)",
        needs=(Needs.PLACEMENT,),
    ),
    *(
        _kind(
            f"relief-ended-{ground}",
            "L9",
            f"Notice ending the relief duty: {words}",
            f"HA 1996 s189B(5) and s189B(7){letter}",
            adverse=True,
            paragraph="HA 1996 s202(1)(ba)(ii)",
        )
        for ground, (letter, words) in RELIEF_ENDING_GROUNDS.items()
    ),
    _kind(
        "s184-main-duty",
        "L10",
        "Decision: we owe you the main housing duty",
        "HA 1996 s184(3) and s193(2)",
        adverse=False,
        paragraph="HA 1996 s202(1)(b)",
    ),
    _kind(
        "final-accommodation-offer",
        "L11",
        "Final accommodation offer",
        "HA 1996 s193A(1) and s193A(4)",
        adverse=False,
        paragraph="HA 1996 s202(1)(h)",
        needs=(Needs.OFFER,),
    ),
    _kind(
        "relief-ended-final-offer-refused",
        "L12",
        "Notice: relief ended because you refused a final offer",
        "HA 1996 s193A(2) and s193A(3)",
        adverse=True,
        paragraph="HA 1996 s202(1)(h)",
    ),
    _kind(
        "relevant-warning",
        "L13a",
        "Warning: a step in your plan you have not taken",
        "HA 1996 s193B(4) and s193B(5)",
        adverse=True,
        review=_R.NOT_REVIEWABLE,
        needs=(Needs.WARNING,),
    ),
    _kind(
        "non-cooperation-notice",
        "L13b",
        "Notice: deliberate and unreasonable refusal to co-operate",
        "HA 1996 s193B(2) and s193B(3)",
        adverse=True,
        paragraph="HA 1996 s202(1)(bb)",
        needs=(Needs.AUTHORISED_BY,),
    ),
    _kind(
        "local-connection-referral",
        "L14",
        "Decision to refer your application to another council",
        "HA 1996 s184(4) and s198",
        adverse=True,
        paragraph="HA 1996 s202(1)(c)",
        needs=(Needs.REFERRAL,),
    ),
    _kind(
        "s184-intentionally-homeless",
        "L15",
        "Decision: intentionally homeless (s190 duty)",
        "HA 1996 s184(3), s190 and s191",
        adverse=True,
        paragraph="HA 1996 s202(1)(b)",
    ),
    _kind(
        "s184-no-priority-need",
        "L15",
        "Decision: no priority need, so no further duty after relief",
        "HA 1996 s184(3) and s189(1)",
        adverse=True,
        paragraph="HA 1996 s202(1)(b)",
    ),
    _kind(
        "private-rented-sector-offer",
        "L16",
        "Private rented sector offer",
        "HA 1996 s193(7AA)-(7AC)",
        adverse=False,
        paragraph="HA 1996 s202(1)(g)",
        needs=(Needs.OFFER,),
    ),
    _kind(
        "main-duty-ended",
        "L17",
        "Notice: the main housing duty has ended",
        "HA 1996 s193",
        adverse=True,
        paragraph="HA 1996 s202(1)(b)",
    ),
    _kind(
        "review-acknowledgement",
        "L18",
        "Your request for a review: what happens next",
        "HA 1996 s202 and SI 2018/223 reg 5(3)",
        adverse=False,
        review=_R.DECISION_DUE,
    ),
    _kind(
        "review-minded-to",
        "L18",
        "Your review: we are minded to decide against you",
        "SI 2018/223 reg 7",
        adverse=True,
        review=_R.DECISION_DUE,
    ),
    _kind(
        "review-decision",
        "L19",
        "Decision on your review",
        "HA 1996 s202 and s203(4)",
        adverse=True,
        review=_R.APPEAL,
    ),
)

# L20: s213B referrals: no statutory letter was found; the reply period is the council's
# own (council.toml `referral_reply_days`).
KINDS = (
    *KINDS,
    _kind(
        "duty-to-refer-no-contact",
        "L20",
        "We have not been able to contact you about your referral",
        "HA 1996 s213B",
        adverse=False,
        review=ReviewStatement.NOT_STATED,
        needs=(Needs.REFERRAL_RECEIVED,),
        date_label="Date referred",
    ),
)

_BY_ID = {kind.id: kind for kind in KINDS}
assert len(_BY_ID) == len(KINDS), "letter kind ids are unique"


def letter_kind(kind_id: str) -> LetterKind | None:
    return _BY_ID.get(kind_id)
