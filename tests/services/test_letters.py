"""Letters from a stored case: rendered, issued, listed and read back, never altered.

Each letter kind is rendered from a generated case in a store (the letters' case histories,
recorded through the decisions service) and read back with poppler's pdftotext: the section,
the reasons, the review right with the right last date, the officer.
"""

import hashlib
import uuid
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from hoclient.letters import long_date
from hoclient.letters.kinds import ReviewStatement, letter_kind
from hoclient.letters.settings import template_version
from hoclient.models import IssuedLetter
from hoclient.models.change_capture import UncapturableChange
from hoclient.services.approaches import NewApproach
from hoclient.services.errors import InvalidInput, NotAllowed
from hoclient.services.letter_context import LetterRefused
from hoclient.services.letter_facts import LetterFacts
from hoclient.services.letters import (
    LetterAltered,
    LetterDraft,
    issue_letter,
    issued_letter_pdf,
    letter_preview,
    letters_of,
    letters_offered,
    preview_letter,
)
from hoclient.services.persons import PersonDetails
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import (
    AccommodationAtApproach,
    ApproachMethod,
    LetterDelivery,
    ReferralSource,
    Role,
    Sex,
)
from tests.conftest import TODAY
from tests.letters.histories import HISTORIES, REASONS
from tests.letters.test_letter_content import needs_poppler, pdf_text
from tests.services.duty_helpers import add_officer
from tests.services.helpers import record
from tests.services.letter_helpers import StoredCase, store_history

# What a stored case does not record: the officer states it when issuing (letter_facts.py).
STATED = {
    "interim-accommodation-ends-no-priority-need": LetterFacts(
        placement_address=("Station Hostel, Room 4", "  ", "12 Quay Street", "Exampletown"),
        placement_ends=TODAY + timedelta(days=7),
    ),
    "relevant-warning": LetterFacts(
        warning_step="Register with three letting agents",
        warning_take_by=TODAY + timedelta(days=14),
        warning_support="We will go through the agents' forms with you at the office.",
    ),
    "local-connection-referral": LetterFacts(
        other_council="Otherplace District Council",
        referral_travel="We will give you a rail warrant to Otherplace.",
    ),
}
# What each letter must then say, and the fields a draft without the facts is refused on.
STATED_WORDS = {
    "interim-accommodation-ends-no-priority-need": (
        "Station Hostel, Room 4, 12 Quay Street, Exampletown",
        f"will end on {long_date(TODAY + timedelta(days=7))}",
    ),
    "relevant-warning": (
        "Register with three letting agents",
        f"take this step by {long_date(TODAY + timedelta(days=14))}",
        "We will go through the agents' forms with you at the office.",
    ),
    "local-connection-referral": (
        "refer your application to Otherplace District Council",
        "Travel: We will give you a rail warrant to Otherplace.",
        "Accommodation while the referral is decided: Your officer will tell you.",
    ),
}
MISSING = {
    "interim-accommodation-ends-no-priority-need": {"placement_address", "placement_ends"},
    "relevant-warning": {"warning_step", "warning_take_by", "warning_support"},
    "local-connection-referral": {"other_council"},
}
FROM_THE_STORE = sorted(HISTORIES)


@pytest.fixture
def senior(store: Store) -> OfficerView:
    return add_officer(store, "Tomasz Nowak", Role.SENIOR)


def stored(store: Store, officer: OfficerView, senior: OfficerView, kind_id: str) -> StoredCase:
    document, _index = HISTORIES[kind_id]
    return store_history(store, officer, document, senior=senior)


@needs_poppler
@pytest.mark.parametrize("kind_id", FROM_THE_STORE)
def test_each_letter_from_a_stored_case_states_what_the_law_requires(
    kind_id: str, store: Store, officer: OfficerView, senior: OfficerView, tmp_path: Path
) -> None:
    document, index = HISTORIES[kind_id]
    case = stored(store, officer, senior, kind_id)
    kind = letter_kind(kind_id)
    assert kind is not None
    draft = LetterDraft(
        case.case_id,
        kind_id,
        decision_id=case.decision_ids[index],
        facts=STATED.get(kind_id, LetterFacts()),
    )
    words = pdf_text(preview_letter(store, officer, draft, today=TODAY), tmp_path)
    for stated in STATED_WORDS.get(kind_id, ()):
        assert stated in words, "what the officer stated when issuing"

    raw = document["events"][index]
    decided_on = date.fromisoformat(raw["date"])
    assert f"date of the decision is {long_date(decided_on)}" in words
    assert f"Date of this letter: {long_date(TODAY)}" in words
    assert officer.display_name in words and "Housing Options Officer" in words
    assert case.reference in words and "Grace O'Brien" in words
    if kind_id != "main-duty-ended":  # it states the s193 subsection of its ground
        assert kind.basis in words
    if kind.adverse:
        assert REASONS in words, "the reasons recorded with the decision (s184(3))"
    if kind.review is ReviewStatement.RIGHT_AND_LAST_DAY:
        notified = date.fromisoformat(raw.get("notified") or raw["date"])
        last_day = notified + timedelta(days=20)  # 21 days beginning with the day notified
        assert f"You must ask by {long_date(last_day)}" in words
    if kind_id == "review-acknowledgement":  # the request's notes are for the file
        assert "Why we decided this" not in words
    if kind_id == "review-decision":  # the officer who recorded the review decision
        assert f"{officer.display_name}, Housing Options Officer has reviewed" in words
    if kind_id == "non-cooperation-notice":
        assert senior.display_name in words, "the authorising officer (SI 2018/223 reg 3)"
    assert "{{" not in words and "{%" not in words


@pytest.mark.parametrize("kind_id", sorted(STATED))
def test_a_letter_without_what_the_case_does_not_record_is_refused_naming_it(
    kind_id: str, store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, kind_id)
    draft = LetterDraft(case.case_id, kind_id)
    with pytest.raises(InvalidInput) as refused:
        preview_letter(store, officer, draft, today=TODAY)
    assert set(refused.value.problems) == MISSING[kind_id]
    with pytest.raises(InvalidInput):
        issue_letter(store, officer, draft, LetterDelivery.POSTED, today=TODAY)
    with store.begin() as session:
        assert session.scalars(select(IssuedLetter)).all() == []


@needs_poppler
@pytest.mark.parametrize("kind_id", sorted(STATED))
def test_the_issued_record_keeps_what_the_officer_stated(
    kind_id: str, store: Store, officer: OfficerView, senior: OfficerView, tmp_path: Path
) -> None:
    case = stored(store, officer, senior, kind_id)
    draft = LetterDraft(case.case_id, kind_id, facts=STATED[kind_id])
    view = issue_letter(store, officer, draft, LetterDelivery.HANDED_OVER, today=TODAY)
    words = pdf_text(issued_letter_pdf(store, officer, view.letter_id), tmp_path)
    with store.begin() as session:
        letter = session.get(IssuedLetter, view.letter_id)
        assert letter is not None and letter.reasons is not None
        kept = letter.reasons
    for stated in STATED_WORDS[kind_id][:1]:
        assert stated in words
    first_fact = {
        "interim-accommodation-ends-no-priority-need": "Station Hostel, Room 4, 12 Quay Street",
        "relevant-warning": "Step not taken: Register with three letting agents",
        "local-connection-referral": "Referred to: Otherplace District Council",
    }[kind_id]
    assert first_fact in kept


def test_a_warning_must_leave_time_to_take_the_step_and_a_placement_cannot_end_before_the_notice(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    warning = stored(store, officer, senior, "relevant-warning")
    facts = replace(STATED["relevant-warning"], warning_take_by=TODAY)
    with pytest.raises(InvalidInput, match="reasonable period"):
        preview_letter(
            store,
            officer,
            LetterDraft(warning.case_id, "relevant-warning", facts=facts),
            today=TODAY,
        )
    kind_id = "interim-accommodation-ends-no-priority-need"
    placement = store_history(store, officer, HISTORIES[kind_id][0], family="Okafor")
    facts = replace(STATED[kind_id], placement_ends=TODAY - timedelta(days=1))
    with pytest.raises(InvalidInput, match="cannot end before"):
        preview_letter(
            store, officer, LetterDraft(placement.case_id, kind_id, facts=facts), today=TODAY
        )


def test_the_latest_decision_owing_the_kind_is_used_when_none_is_named(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-relief-duty")
    named = LetterDraft(case.case_id, "s184-relief-duty", decision_id=case.decision_ids[1])
    unnamed = LetterDraft(case.case_id, "s184-relief-duty")
    assert (
        preview_letter(store, officer, named, today=TODAY)[:200]
        == preview_letter(store, officer, unnamed, today=TODAY)[:200]
    )


def test_a_case_that_cannot_owe_the_letter_is_refused(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-prevention-duty")
    with pytest.raises(LetterRefused, match="no decision that is notified by"):
        preview_letter(store, officer, LetterDraft(case.case_id, "s184-main-duty"), today=TODAY)
    wrong = LetterDraft(case.case_id, "s184-main-duty", decision_id=case.decision_ids[1])
    with pytest.raises(LetterRefused, match="notified by the letter"):
        preview_letter(store, officer, wrong, today=TODAY)


def test_assessment_and_plan_letters_wait_for_the_assessment_and_the_plan(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-prevention-duty")
    with pytest.raises(LetterRefused, match="Record the assessment first"):
        preview_letter(store, officer, LetterDraft(case.case_id, "assessment-notice"), today=TODAY)
    with pytest.raises(LetterRefused, match="Agree a plan first"):
        preview_letter(
            store, officer, LetterDraft(case.case_id, "personal-housing-plan"), today=TODAY
        )


@needs_poppler
def test_the_acknowledgement_gives_the_application_date_and_reference(
    store: Store, officer: OfficerView, senior: OfficerView, tmp_path: Path
) -> None:
    case = stored(store, officer, senior, "s184-prevention-duty")
    draft = LetterDraft(case.case_id, "application-acknowledgement")
    words = pdf_text(preview_letter(store, officer, draft, today=TODAY), tmp_path)
    assert "We took your application on 2 March 2026" in words and case.reference in words
    assert "interpreter" in words and "review this decision" not in words


@needs_poppler
def test_a_duty_to_refer_referral_we_cannot_reach_gets_a_reply_by_date(
    store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    approach = NewApproach(
        applicant=PersonDetails("Mensah", "Kofi", date(1984, 5, 1), Sex.MALE, ""),
        approached_on=date(2026, 11, 20),
        approach_method=ApproachMethod.REFERRAL,
        accommodation_at_approach=AccommodationAtApproach.WITH_FAMILY,
        referral_source=ReferralSource.PROBATION,
        referring_agency="Exampletown Probation Office",
    )
    case = record(store, officer, approach)
    kinds = {offered.kind_id for offered in letters_offered(store, officer, case.case_id)}
    assert "duty-to-refer-no-contact" in kinds
    draft = LetterDraft(case.case_id, "duty-to-refer-no-contact")
    words = pdf_text(preview_letter(store, officer, draft, today=TODAY), tmp_path)
    assert "Exampletown Probation Office" in words and "20 November 2026" in words
    assert long_date(TODAY + timedelta(days=14)) in words  # council.toml referral_reply_days


def test_a_letter_whose_review_deadline_has_passed_is_flagged_for_the_officer(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-no-duty")  # notified 10 March 2026
    draft = LetterDraft(case.case_id, "s184-no-duty")
    preview = letter_preview(store, officer, draft, today=TODAY)
    assert preview.review_last_day == date(2026, 3, 30)
    warning = preview.review_warning(TODAY)
    assert warning is not None and "30 March 2026, has passed" in warning
    assert "told on 10 March 2026" in warning
    assert preview.review_warning(date(2026, 3, 30)) is None  # the last day itself counts


def test_the_decisions_on_a_case_offer_their_letters_newest_first(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "review-decision")
    offered = letters_offered(store, officer, case.case_id)
    by_decision = [(o.kind_id, o.decision_id) for o in offered if o.decision_id is not None]
    assert by_decision == [
        ("review-decision", case.decision_ids[3]),
        ("review-acknowledgement", case.decision_ids[2]),
        ("s184-not-eligible", case.decision_ids[1]),
    ]
    assert offered[2].reasons == REASONS  # pre-filled for the officer to edit


# Issuing.


def issued(store: Store, officer: OfficerView, case: StoredCase, **draft: object) -> uuid.UUID:
    letter = issue_letter(
        store,
        officer,
        LetterDraft(case.case_id, "s184-not-eligible", **draft),  # type: ignore[arg-type]
        LetterDelivery.POSTED,
        today=TODAY,
    )
    return letter.letter_id


def test_an_issued_letter_keeps_its_bytes_hash_version_and_how_it_was_sent(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-not-eligible")
    edited = "We checked your passport and your immigration status on 5 March 2026."
    letter_id = issued(store, officer, case, reasons=edited, large_print=True)

    [view] = letters_of(store, officer, case.case_id)
    assert view.letter_id == letter_id and view.delivery is LetterDelivery.POSTED
    assert view.issued_by_name == officer.display_name and view.large_print
    assert view.decision_id == case.decision_ids[1]
    assert view.template_version == template_version()
    pdf = issued_letter_pdf(store, officer, letter_id)
    assert pdf.startswith(b"%PDF") and view.size_bytes == len(pdf)
    assert view.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    with store.begin() as session:
        row = session.get_one(IssuedLetter, letter_id)
        assert row.reasons == edited


def test_re_issuing_makes_a_new_record_and_keeps_the_first(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-not-eligible")
    first = issued(store, officer, case)
    first_pdf = issued_letter_pdf(store, officer, first)
    second = issued(store, officer, case, reasons="Corrected reasons, written out in full.")
    assert [v.letter_id for v in letters_of(store, officer, case.case_id)] == [second, first]
    assert issued_letter_pdf(store, officer, first) == first_pdf


def test_an_issued_letter_cannot_be_changed_or_deleted(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-not-eligible")
    letter_id = issued(store, officer, case)
    original = issued_letter_pdf(store, officer, letter_id)
    for column, value in (("pdf", b"%PDF-forged"), ("delivery", LetterDelivery.EMAILED)):
        with pytest.raises(UncapturableChange, match="append-only"), store.begin() as session:
            setattr(session.get_one(IssuedLetter, letter_id), column, value)
    with pytest.raises(UncapturableChange, match="never deleted"), store.begin() as session:
        session.delete(session.get_one(IssuedLetter, letter_id))
    assert issued_letter_pdf(store, officer, letter_id) == original


def test_bytes_altered_behind_the_services_back_are_reported(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-not-eligible")
    letter_id = issued(store, officer, case)
    with store.begin() as session:  # as a damaged disk or a hand-edited file would
        session.execute(
            text("UPDATE issued_letter SET pdf = :pdf WHERE id = :id"),
            {"pdf": b"%PDF-1.4 forged", "id": letter_id.hex},
        )
    with pytest.raises(LetterAltered, match="does not match"):
        issued_letter_pdf(store, officer, letter_id)


def test_a_volunteer_may_not_issue_or_read_letters(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-not-eligible")
    volunteer = add_officer(store, "Val Volunteer", Role.VOLUNTEER)
    with pytest.raises(NotAllowed, match="may not record decisions"):
        issued(store, volunteer, case)
    with pytest.raises(NotAllowed):
        letters_of(store, volunteer, case.case_id)
    assert letters_of(store, officer, case.case_id) == []


def test_a_refused_letter_stores_nothing(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    case = stored(store, officer, senior, "s184-not-eligible")
    with pytest.raises(LetterRefused, match="write the reasons"):
        issued(store, officer, case, reasons="   ")
    with pytest.raises(InvalidInput, match="at most"):
        issued(store, officer, case, reasons="x" * 20_001)
    with store.begin() as session:
        assert session.scalars(select(IssuedLetter)).all() == []
