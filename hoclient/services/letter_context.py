"""A letter's context from the stored case: who, what was decided, and every date it states.

The letter a decision record offers is the one the duty engine's history owes for it
(services/letter_owed.py, shared with `hoclient letter render --history`). The applicant's
name and address, the issuing officer's name and contact (their officer record), the council's
settings (resources/letters/council.toml) and the reasons recorded with the decision (or the
officer's edited text) fill in the rest. The assessment notice and the PHP letter come from
the case's assessment and plan (services/plan_letters.py), not from a decision.

Helpers here take a Session and never commit: the services in services/letters.py own it.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from hoclient.casework import clocks
from hoclient.casework.case_events import CaseHistory
from hoclient.casework.case_history import CaseworkRefusal, replay
from hoclient.casework.duty_to_refer import is_duty_to_refer_referral
from hoclient.letters.context import (
    Applicant,
    Council,
    LetterContext,
    ReferralReceived,
    ReviewRight,
)
from hoclient.letters.context import Officer as LetterOfficer
from hoclient.letters.kinds import LetterKind, ReviewStatement, letter_kind
from hoclient.letters.settings import LetterSettingsError, council_from, load_settings
from hoclient.models import DutyDecision, HousingCase, Officer, Person
from hoclient.services.cases import applicant_of, live_case
from hoclient.services.duty_history import BrokenHistory, CaseDecisions, case_decisions
from hoclient.services.errors import NotFound, ServiceError
from hoclient.services.letter_facts import LetterFacts, placement_of, referral_of, warning_of
from hoclient.services.letter_owed import (
    LetterParts,
    LetterRefusal,
    findings_from_text,
    letter_kind_for,
    letter_owed,
)
from hoclient.services.plan_letters import assessment_text_for, plan_for
from hoclient.vocabulary import Role

# Letters of the case itself rather than of one decision (letters.md L0, L2, L3, L20).
ACKNOWLEDGEMENT = "application-acknowledgement"
ASSESSMENT_NOTICE = "assessment-notice"
PLAN_LETTER = "personal-housing-plan"
NO_CONTACT = "duty-to-refer-no-contact"
CASE_LETTERS = frozenset({ACKNOWLEDGEMENT, ASSESSMENT_NOTICE, PLAN_LETTER, NO_CONTACT})
DEFAULT_REFERRAL_REPLY_DAYS = 14

_ROLE_TITLES = {
    Role.OFFICER: "Housing Options Officer",
    Role.SENIOR: "Senior Housing Options Officer",
    Role.ADMIN: "Housing Options Service",
    Role.VOLUNTEER: "Housing Options Service",
}


class LetterRefused(ServiceError):
    """This case cannot owe that letter now, or it lacks what the letter must say."""


@dataclass(frozen=True)
class OfferedLetter:
    """A letter a case can be sent now: the kind, and the decision it notifies (if any)."""

    kind_id: str
    title: str
    code: str
    decision_id: uuid.UUID | None
    decided_on: date | None
    reasons: str  # what was recorded with the decision; the officer may edit it


def kind_named(kind_id: str) -> LetterKind:
    kind = letter_kind(kind_id)
    if kind is None:
        raise NotFound(f"There is no letter kind {kind_id!r} (see `hoclient letter list-kinds`).")
    return kind


def offered_letters(session: Session, case_id: uuid.UUID) -> list[OfferedLetter]:
    """Every letter the case's decisions offer, newest decision first, then the letters of
    the case itself: the assessment notice and the plan (offered always: refused with a
    reason until they are recorded), the acknowledgement, and for a s213B referral the
    letter for someone we cannot contact."""
    case = live_case(session, case_id)
    decisions = case_decisions(session, case_id)
    records, history = _history(decisions)
    offered = []
    for index in reversed(range(len(records))):
        try:
            kind = letter_kind_for(history, index)
        except LetterRefusal:
            continue  # a fact, or a finding notified with a later decision
        record = records[index]
        offered.append(
            OfferedLetter(
                kind.id, kind.title, kind.code, record.id, record.decided_on, record.reasons or ""
            )
        )
    case_letters = [ASSESSMENT_NOTICE, PLAN_LETTER, ACKNOWLEDGEMENT]
    if is_duty_to_refer_referral(case.referral_source):
        case_letters.append(NO_CONTACT)
    for kind_id in case_letters:
        kind = kind_named(kind_id)
        offered.append(OfferedLetter(kind.id, kind.title, kind.code, None, None, ""))
    return offered


def build_letter_context(
    session: Session,
    case_id: uuid.UUID,
    kind_id: str,
    *,
    officer_id: uuid.UUID,
    today: date,
    decision_id: uuid.UUID | None = None,
    reasons: str | None = None,
    facts: LetterFacts | None = None,
) -> tuple[LetterContext, uuid.UUID | None]:
    """The context of the `kind_id` letter for the case, and the decision it notifies.

    `decision_id` names the decision (the Duties tab's); without it, the latest decision in
    the duty history that owes this kind of letter. `reasons` replaces the reasons recorded
    with the decision (the officer's edit). `facts` are what the letter states that the case
    does not record (a placement, a warning's step, the other council). LetterRefused, in
    words an officer can act on, when the case cannot owe the letter or lacks what it must say.
    """
    case = live_case(session, case_id)
    kind = kind_named(kind_id)
    parts = LetterParts(
        council=_council(),
        officer=_officer(session, officer_id, None),
        applicant=_applicant(session, case),
        case_reference=case.reference,
        issued_on=today,
    )
    if facts is not None:
        parts = replace(
            parts,
            placement=placement_of(facts),
            warning=warning_of(facts),
            referral=referral_of(facts),
        )
    if kind_id in CASE_LETTERS:
        if decision_id is not None:
            raise LetterRefused(f"A {kind.title.lower()} letter does not notify a decision.")
        return _case_letter(session, case, kind, parts, today), None

    decisions = case_decisions(session, case_id)
    records, history = _history(decisions)
    index = _index_of(decisions, records, history, kind, decision_id)
    record = records[index]
    text = record.reasons or "" if reasons is None else reasons
    if kind.review is ReviewStatement.DECISION_DUE:
        # A review request is the applicant's, not a decision: what the officer noted with
        # it is for the file, and the acknowledgement gives no reasons.
        text = ""
    parts = replace(parts, reasons=findings_from_text(kind, text))
    if record.what == "review_decided":
        # The officer who recorded the review decision is the reviewer the letter names.
        reviewer = _officer(session, record.decided_by, parts.officer)
        parts = replace(parts, reviewer=f"{reviewer.name}, {reviewer.role}")
    authorisation = decisions.authorisations.get(record.id)
    if authorisation is not None:
        parts = replace(
            parts, authorised_by=_officer(session, authorisation.authorised_by, parts.officer)
        )
    try:
        return letter_owed(history, index, parts), record.id
    except LetterRefusal as refusal:
        raise LetterRefused(
            f"{_sentence(str(refusal))} The case does not record that: give it "
            "when issuing the letter."
        ) from None


def _history(decisions: CaseDecisions) -> tuple[list[DutyDecision], CaseHistory]:
    records = decisions.in_history()
    try:
        history = decisions.history(records)
        if records:
            replay(history)  # no letter is written from a history that is not lawful
    except (CaseworkRefusal, BrokenHistory) as problem:
        raise LetterRefused(
            "The case's decisions do not make a lawful history (see the Duties tab), so no "
            f"letter can be written from them: {problem}"
        ) from None
    return records, history


def _index_of(
    decisions: CaseDecisions,
    records: list[DutyDecision],
    history: CaseHistory,
    kind: LetterKind,
    decision_id: uuid.UUID | None,
) -> int:
    if decision_id is not None:
        record = decisions.latest_version(decision_id)
        position = {r.id: i for i, r in enumerate(records)}
        if record is None or record.id not in position:
            raise LetterRefused(
                "That decision is not in the case's duty history (it may be waiting for "
                "authorisation, corrected or struck out)."
            )
        index = position[record.id]
        try:
            owed = letter_kind_for(history, index)
        except LetterRefusal as refusal:
            raise LetterRefused(_sentence(str(refusal))) from None
        if owed.id != kind.id:
            raise LetterRefused(f"That decision is notified by the letter “{owed.title}”.")
        return index
    for index in reversed(range(len(records))):
        try:
            if letter_kind_for(history, index).id == kind.id:
                return index
        except LetterRefusal:
            continue
    raise LetterRefused(
        f"This case has no decision that is notified by “{kind.title}”: record the decision "
        "on the Duties tab first."
    )


def _case_letter(
    session: Session, case: HousingCase, kind: LetterKind, parts: LetterParts, today: date
) -> LetterContext:
    context = LetterContext(
        kind=kind,
        council=parts.council,
        officer=parts.officer,
        applicant=parts.applicant,
        case_reference=parts.case_reference,
        issued_on=today,
        decided_on=today,
        legal_basis=kind.basis,
    )
    if kind.id == ACKNOWLEDGEMENT:
        return replace(context, decided_on=case.approached_on)
    if kind.id == NO_CONTACT:
        return replace(context, referral_received=_referral_received(case, today))
    if kind.id == ASSESSMENT_NOTICE:
        assessment = assessment_text_for(session, case.id)
        if assessment is None:
            raise LetterRefused("Record the assessment first (Assessment tab).")
        return replace(context, assessment=assessment)
    plan = plan_for(session, case.id)
    if plan is None:
        raise LetterRefused("Agree a plan first (PHP tab).")
    # The plan's steps are reviewable (s202(1)(ba)(i) relief, (bc) prevention): 21 days
    # beginning with the day the applicant is given the plan (s202(3)).
    review = ReviewRight(
        clocks.review_request_last_day(today), today, kind.review_paragraph, decided_within_weeks=3
    )
    return replace(context, plan=plan, review=review)


def _referral_received(case: HousingCase, today: date) -> ReferralReceived:
    if not is_duty_to_refer_referral(case.referral_source):
        raise LetterRefused("This case did not come as a referral under the duty to refer (s213B).")
    assert case.referral_source is not None
    referred_by = case.referral_source.value
    if case.referring_agency:
        referred_by = f"{case.referring_agency} ({referred_by})"
    days = _settings().get("referral_reply_days", DEFAULT_REFERRAL_REPLY_DAYS)
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise LetterRefused(
            "The council's letter settings need fixing: referral_reply_days must be a whole "
            "number of days, 1 or more."
        )
    return ReferralReceived(referred_by, case.approached_on, today + timedelta(days=days))


def _settings() -> dict[str, object]:
    try:
        return load_settings()
    except LetterSettingsError as error:
        raise LetterRefused(f"The council's letter settings need fixing: {error}") from None


def _council() -> Council:
    try:
        return council_from(_settings())
    except LetterSettingsError as error:
        raise LetterRefused(f"The council's letter settings need fixing: {error}") from None


def _officer(
    session: Session, officer_id: uuid.UUID, fallback: LetterOfficer | None
) -> LetterOfficer:
    """The officer's own record: their name, role and contact; the service's where missing."""
    row = session.get(Officer, officer_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("Your officer record is not on this laptop.")
    council = _council()
    return LetterOfficer(
        name=row.display_name,
        role=_ROLE_TITLES[row.role],
        phone=row.phone or (fallback.phone if fallback else council.phone),
        email=row.email or (fallback.email if fallback else council.email),
    )


def _applicant(session: Session, case: HousingCase) -> Applicant:
    person: Person = applicant_of(session, case.id)
    name = f"{person.given_names} {person.family_name}".strip()
    # The applicant's own correspondence address first; the case's address at approach next.
    address = _lines(person.address_line_1, person.address_line_2, person.town, person.postcode)
    address = address or _lines(case.address_line_1, case.address_line_2, case.town, case.postcode)
    return Applicant(name, address or ("Address not recorded",))


def _lines(*parts: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in parts if part and part.strip())


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."
