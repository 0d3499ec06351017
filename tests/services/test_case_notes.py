"""Case notes are append-only: a correction is a new note pointing at the old one."""

import uuid

import pytest

from hoclient.services.case_notes import add_case_note, notes_of
from hoclient.services.errors import InvalidInput, NotFound
from hoclient.services.store_status import store_counts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from tests.services.helpers import approach_for, record


def test_notes_are_listed_newest_first_with_their_author(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    add_case_note(store, officer, case.case_id, "Met at the surgery.")
    add_case_note(store, officer, case.case_id, "Called the landlord.")
    notes = notes_of(store, officer, case.case_id)
    assert [note.text for note in notes] == ["Called the landlord.", "Met at the surgery."]
    assert {note.author_name for note in notes} == {officer.display_name}
    assert notes[0].written_at.tzinfo is not None


def test_a_blank_note_is_refused_and_nothing_is_written(store: Store, officer: OfficerView) -> None:
    case = record(store, officer, approach_for())
    with pytest.raises(InvalidInput, match=r"Write the note before saving it\."):
        add_case_note(store, officer, case.case_id, "   \n ")
    assert store_counts(store).notes == 0


def test_a_correction_keeps_the_original_and_points_at_it(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    wrong = add_case_note(store, officer, case.case_id, "Rent arrears of £1,200.")
    right = add_case_note(
        store,
        officer,
        case.case_id,
        "Correction: arrears are £2,100.",
        corrects_note_id=wrong.note_id,
    )
    correction, original = notes_of(store, officer, case.case_id)
    assert original.text == "Rent arrears of £1,200."
    assert original.corrected_by_note_id == right.note_id
    assert correction.corrects_note_id == wrong.note_id


def test_a_note_cannot_correct_a_note_on_another_case(store: Store, officer: OfficerView) -> None:
    first = record(store, officer, approach_for())
    second = record(store, officer, approach_for("Nowak", "Piotr"))
    note = add_case_note(store, officer, first.case_id, "Met at the surgery.")
    with pytest.raises(NotFound):
        add_case_note(store, officer, second.case_id, "Correction.", corrects_note_id=note.note_id)
    assert store_counts(store).notes == 1


def test_a_note_on_a_case_that_is_not_here_is_refused(store: Store, officer: OfficerView) -> None:
    with pytest.raises(NotFound, match="not on this laptop"):
        add_case_note(store, officer, uuid.uuid4(), "Hello")
