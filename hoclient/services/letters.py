"""Letters of a case: preview, issue, list, and read back an issued letter's PDF.

Issuing stores the exact PDF given to the applicant, append-only (models/issued_letter.py):
its SHA-256, the template version (hoclient.letters.settings.template_version: a hash of
every template file and council.toml), who issued it, when, how it was sent, and the
free-text reasons used. Nothing here changes an issued letter; re-issuing makes a new record.
Reading a letter back recomputes the hash and refuses bytes that no longer match.
Works offline like every service: the record reaches the centre through the sync outbox.
"""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hoclient.letters.context import LetterContext
from hoclient.letters.kinds import letter_kind
from hoclient.letters.pdf import render_pdf
from hoclient.letters.settings import LetterSettingsError, template_version
from hoclient.letters.text import LetterContextError, LetterTemplateError, long_date
from hoclient.models import HousingCase, IssuedLetter, Officer
from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.cases import live_case
from hoclient.services.errors import InvalidInput, NotFound, ServiceError
from hoclient.services.housing_plans import plan_record, record_plan_notified
from hoclient.services.letter_context import (
    LetterRefused,
    OfferedLetter,
    build_letter_context,
    offered_letters,
)
from hoclient.services.letter_facts import LetterFacts, facts_in_words, facts_problems
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import LetterDelivery

PLAN_LETTER = "personal-housing-plan"

REASONS_MAX_CHARS = 20_000


class LetterAltered(ServiceError):
    """An issued letter's stored bytes no longer match the hash taken when it was issued."""


@dataclass(frozen=True)
class LetterDraft:
    """A letter as the officer sets it up: which one, for which decision, in which words."""

    case_id: uuid.UUID
    kind_id: str
    decision_id: uuid.UUID | None = None  # None: the latest decision owing this kind
    reasons: str | None = None  # None: the reasons recorded with the decision
    large_print: bool = False
    # What the letter states that the case does not record (services/letter_facts.py): the
    # placement of a s188(1ZA)(b) notice, a relevant warning's step, the referral's council.
    facts: LetterFacts = field(default_factory=LetterFacts)


@dataclass(frozen=True)
class IssuedLetterView:
    letter_id: uuid.UUID
    case_id: uuid.UUID
    kind_id: str
    title: str  # the kind's title; the id itself if this laptop's catalogue lacks it
    decision_id: uuid.UUID | None
    issued_at: datetime
    issued_by_name: str
    delivery: LetterDelivery
    large_print: bool
    template_version: str
    pdf_sha256: str
    size_bytes: int


def case_id_for_reference(store: Store, officer: OfficerView, reference: str) -> uuid.UUID:
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        case_id = session.scalar(
            select(HousingCase.id).where(
                HousingCase.reference == reference.strip().upper(),
                HousingCase.deleted_at.is_(None),
            )
        )
        if case_id is None:
            raise NotFound(f"There is no case {reference.strip()!r} on this laptop.")
        return case_id


def letters_offered(store: Store, officer: OfficerView, case_id: uuid.UUID) -> list[OfferedLetter]:
    """The letters the case's decisions offer now (newest first), then assessment and plan."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        return offered_letters(session, case_id)


@dataclass(frozen=True)
class LetterPreview:
    pdf: bytes
    # The review right the letter states, if any: the day relied on as notification (from the
    # decision record) and the last day to ask (s202(3)), for the dialog to check.
    review_notified_on: date | None
    review_last_day: date | None

    def review_warning(self, today: date) -> str | None:
        """Words for the officer when the letter gives a last day to ask that has passed."""
        if self.review_last_day is None or self.review_last_day >= today:
            return None
        assert self.review_notified_on is not None
        return (
            f"The last day to ask for a review, {long_date(self.review_last_day)}, has passed: "
            f"the decision record says the applicant was told on "
            f"{long_date(self.review_notified_on)}. If this letter is how they are told, "
            "correct the decision's notification date on the Duties tab first."
        )


def letter_preview(
    store: Store, officer: OfficerView, draft: LetterDraft, *, today: date
) -> LetterPreview:
    """The PDF the letter would be, rendered from the case, and the review dates it states;
    nothing is stored."""
    require(officer, Permission.READ_CASEWORK)
    _check_draft(draft, today)
    with store.begin() as session:
        rendered = _render(session, officer, draft, today)
        review = rendered.context.review
        return LetterPreview(
            rendered.pdf,
            review.notified_on if review else None,
            review.last_day if review else None,
        )


def preview_letter(store: Store, officer: OfficerView, draft: LetterDraft, *, today: date) -> bytes:
    """The PDF the letter would be, rendered from the case; nothing is stored."""
    require(officer, Permission.READ_CASEWORK)
    return letter_preview(store, officer, draft, today=today).pdf


def issue_letter(
    store: Store,
    officer: OfficerView,
    draft: LetterDraft,
    delivery: LetterDelivery,
    *,
    today: date,
) -> IssuedLetterView:
    """Render the letter from the case and keep it, exactly as rendered, as issued.

    Refused (LetterRefused, NotAllowed, InvalidInput) with nothing stored. Issuing the same
    letter again makes a new record: the applicant may be given a fresh copy, and each copy
    given is on record.
    """
    require(officer, Permission.DECIDE)
    _check_draft(draft, today)
    with store.begin() as session:
        rendered = _render(session, officer, draft, today)
        pdf = rendered.pdf
        letter = IssuedLetter(
            id=uuid.uuid4(),
            case_id=draft.case_id,
            kind_id=draft.kind_id,
            decision_id=rendered.decision_id,
            template_version=rendered.template_version,
            pdf=pdf,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            large_print=draft.large_print,
            issued_by=officer.id,
            delivery=delivery,
            reasons=_record_text(draft),
        )
        session.add(letter)
        session.flush()
        if draft.kind_id == PLAN_LETTER:
            _record_plan_given_in_writing(session, officer, draft.case_id, delivery, today)
        return _view(letter, _names(session, [letter]), len(pdf))


def _record_plan_given_in_writing(
    session: Session,
    officer: OfficerView,
    case_id: uuid.UUID,
    delivery: LetterDelivery,
    today: date,
) -> None:
    """The PHP letter is the plan given in writing (s189A(8), (10)): the PHP tab stops
    asking for a copy, and asks again only when the plan changes."""
    current = plan_record(session, case_id).current
    if current is not None:
        record_plan_notified(
            session,
            officer_id=officer.id,
            case_id=case_id,
            plan_version_id=current.version_id,
            notified_on=today,
            how=f"PHP letter {delivery.value.lower()}",
        )


def letters_of(store: Store, officer: OfficerView, case_id: uuid.UUID) -> list[IssuedLetterView]:
    """The case's issued letters, newest first (the Letters tab). The PDFs are not read."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        live_case(session, case_id)
        # The PDFs stay on disk (a deferred column): the list needs only their sizes.
        rows = session.execute(
            select(IssuedLetter, func.length(IssuedLetter.pdf))
            .where(IssuedLetter.case_id == case_id)
            .order_by(IssuedLetter.issued_at.desc(), IssuedLetter.id)
        ).all()
        names = _names(session, [letter for letter, _size in rows])
        return [_view(letter, names, size) for letter, size in rows]


def issued_letter_pdf(store: Store, officer: OfficerView, letter_id: uuid.UUID) -> bytes:
    """The PDF exactly as issued. LetterAltered if its bytes no longer match their hash."""
    require(officer, Permission.READ_CASEWORK)
    with store.begin() as session:
        letter = session.get(IssuedLetter, letter_id)
        if letter is None:
            raise NotFound("That letter is not on this laptop.")
        live_case(session, letter.case_id)
        if hashlib.sha256(letter.pdf).hexdigest() != letter.pdf_sha256:
            raise LetterAltered(
                "This letter's stored PDF does not match the one issued (its SHA-256 differs): "
                "it has been altered or damaged. Report it; issue the letter again if needed."
            )
        return letter.pdf


def _check_draft(draft: LetterDraft, today: date) -> None:
    problems = facts_problems(draft.kind_id, draft.facts, today=today)
    if draft.reasons is not None and len(draft.reasons) > REASONS_MAX_CHARS:
        problems["reasons"] = f"Reasons hold at most {REASONS_MAX_CHARS:,} characters."
    if problems:
        raise InvalidInput(problems)


def _record_text(draft: LetterDraft) -> str | None:
    """The officer's reasons, then what the letter stated that the case does not record: the
    record says what the applicant was told without opening the PDF."""
    parts = [
        draft.reasons.strip() if draft.reasons else "",
        facts_in_words(draft.kind_id, draft.facts),
    ]
    text = "\n\n".join(part for part in parts if part)
    return text or None


@dataclass(frozen=True)
class _Rendered:
    pdf: bytes
    context: LetterContext
    decision_id: uuid.UUID | None
    template_version: str


def _render(session: Session, officer: OfficerView, draft: LetterDraft, today: date) -> _Rendered:
    context, decision_id = build_letter_context(
        session,
        draft.case_id,
        draft.kind_id,
        officer_id=officer.id,
        today=today,
        decision_id=draft.decision_id,
        reasons=draft.reasons,
        facts=draft.facts,
    )
    try:
        version = template_version()
        pdf = render_pdf(context, large_print=draft.large_print)
    except LetterContextError as problem:
        raise LetterRefused(_what_is_missing_in_words(str(problem))) from None
    except (LetterSettingsError, LetterTemplateError) as error:
        raise LetterRefused(f"The council's letter templates need fixing: {error}") from None
    return _Rendered(pdf, context, decision_id, version)


def _what_is_missing_in_words(problem: str) -> str:
    if "needs the reasons" in problem or "reasons written out" in problem:
        return "This letter decides against the applicant: write the reasons for each finding."
    return problem[:1].upper() + problem[1:] + "."


def _names(session: Session, letters: list[IssuedLetter]) -> dict[uuid.UUID, str]:
    ids = {letter.issued_by for letter in letters}
    if not ids:
        return {}
    rows = session.execute(select(Officer.id, Officer.display_name).where(Officer.id.in_(ids)))
    return {officer_id: name for officer_id, name in rows}


def _view(letter: IssuedLetter, names: dict[uuid.UUID, str], size: int) -> IssuedLetterView:
    kind = letter_kind(letter.kind_id)
    return IssuedLetterView(
        letter_id=letter.id,
        case_id=letter.case_id,
        kind_id=letter.kind_id,
        title=kind.title if kind else letter.kind_id,
        decision_id=letter.decision_id,
        issued_at=letter.issued_at,
        issued_by_name=names.get(letter.issued_by, "an officer not on this laptop"),
        delivery=letter.delivery,
        large_print=letter.large_print,
        template_version=letter.template_version,
        pdf_sha256=letter.pdf_sha256,
        size_bytes=size,
    )
