"""Every local change to a synced row is in the outbox, committed with it or not at all."""

import json
import uuid

import pytest
from sqlalchemy import func, select

from hoclient.models import (
    CaseNote,
    HousingCase,
    LocalSetting,
    Person,
    SyncOutbox,
    SyncRowState,
)
from hoclient.models.change_capture import CAPTURE_OFF, UncapturableChange
from hoclient.services.case_notes import add_case_note
from hoclient.services.demo_data import fill_with_demo_data
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from tests.services.helpers import approach_for, record


def outbox(store: Store) -> list[SyncOutbox]:
    """The entries for the rows changed (their audit events are tests/models/test_audit.py's)."""
    with store.begin() as session:
        return list(
            session.scalars(
                select(SyncOutbox)
                .where(SyncOutbox.table_name != "audit_event")
                .order_by(SyncOutbox.position)
            )
        )


def test_a_new_approach_puts_each_new_row_in_the_outbox_parents_first(
    store: Store, officer: OfficerView
) -> None:
    before = len(outbox(store))  # the first officer and team of a new store
    case = record(store, officer, approach_for())
    entries = outbox(store)[before:]
    assert [entry.table_name for entry in entries] == ["person", "housing_case", "household_member"]
    assert all(entry.operation == "insert" and entry.base_version is None for entry in entries)
    fields = json.loads(entries[1].fields)
    assert fields["reference"] == case.reference
    assert fields["approach_method"] == "IN_PERSON"  # enums travel by NAME, as stored
    assert entries[1].row_id == case.case_id
    assert entries[1].changed_by == officer.id


def test_an_edit_sends_only_the_changed_fields_against_the_centres_version(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    with store.begin() as session:
        session.add(SyncRowState(table_name="housing_case", row_id=case.case_id, server_version=7))
    with store.begin() as session:
        row = session.get(HousingCase, case.case_id)
        assert row is not None
        row.town = "Leeds"
    entry = outbox(store)[-1]
    assert entry.operation == "update"
    assert entry.base_version == 7
    assert set(json.loads(entry.fields)) == {"town", "updated_at", "updated_by"}
    assert json.loads(entry.fields)["town"] == "Leeds"


def test_a_failed_action_leaves_neither_its_change_nor_its_outbox_entry(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    before = outbox(store)
    with pytest.raises(RuntimeError), store.begin() as session:
        row = session.get(HousingCase, case.case_id)
        assert row is not None
        row.town = "Leeds"
        session.flush()  # the outbox entry is written here ...
        raise RuntimeError("the officer's laptop ran out of battery")  # ... and rolled back
    assert [entry.change_id for entry in outbox(store)] == [e.change_id for e in before]
    with store.begin() as session:
        assert session.get(HousingCase, case.case_id).town is None  # type: ignore[union-attr]


def test_an_append_only_note_is_sent_as_an_insert_and_cannot_be_changed(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    note = add_case_note(store, officer, case.case_id, "Visited at home.")
    entry = outbox(store)[-1]
    assert (entry.table_name, entry.operation) == ("case_note", "insert")
    assert entry.row_id == note.note_id
    with pytest.raises(UncapturableChange, match="append-only"), store.begin() as session:
        row = session.get(CaseNote, note.note_id)
        assert row is not None
        row.text = "Changed after the fact"


def test_a_synced_row_is_tombstoned_never_deleted(store: Store, officer: OfficerView) -> None:
    case = record(store, officer, approach_for())
    with pytest.raises(UncapturableChange, match="deleted_at"), store.begin() as session:
        session.delete(session.get(HousingCase, case.case_id))


def test_local_settings_are_never_captured(store: Store, officer: OfficerView) -> None:
    before = len(outbox(store))
    with store.begin() as session:
        session.add(LocalSetting(key="window_size", value="800x600"))
    assert len(outbox(store)) == before


def test_a_session_marked_capture_off_writes_no_outbox(store: Store, officer: OfficerView) -> None:
    before = len(outbox(store))
    with store.sessions(info={CAPTURE_OFF: True}) as session, session.begin():
        session.add(Person(family_name="Mensah", given_names="Kofi", updated_by=officer.id))
    assert len(outbox(store)) == before


def test_bulk_core_inserts_are_captured_with_the_values_stored(store: Store) -> None:
    assert fill_with_demo_data(store, persons=30, cases=10, seed=7) == 0
    with store.begin() as session:
        persons = session.scalar(select(func.count()).select_from(Person))
        captured = session.scalars(
            select(SyncOutbox).where(SyncOutbox.table_name == "person")
        ).all()
        assert len(captured) == persons
        sample = captured[0]
        stored = session.get(Person, sample.row_id)
        assert stored is not None
        fields = json.loads(sample.fields)
        assert fields["created_at"] == stored.created_at.isoformat()
        assert uuid.UUID(fields["id"]) == stored.id
