"""Every opening of a case and every change leaves an audit event, in the same transaction
(DESIGN.md, Security), and no audit event is ever changed."""

import json
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.exc import DatabaseError

from hoclient.models import AuditEvent, HousingCase, Person, SyncOutbox
from hoclient.models.change_capture import UncapturableChange, act_as
from hoclient.models.types import utc_now
from hoclient.security.audit import PURGED_CASE, record_audit, record_purges
from hoclient.services.case_edits import edit_case
from hoclient.services.case_notes import add_case_note
from hoclient.services.cases import case_summary, open_case
from hoclient.services.demo_data import fill_with_demo_data
from hoclient.services.errors import InvalidInput
from hoclient.services.households import NewMember, add_household_member
from hoclient.services.persons import PersonDetails
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Relationship, Sex
from tests.conftest import TODAY
from tests.services.helpers import approach_for, record


def events(store: Store) -> list[AuditEvent]:
    with store.begin() as session:
        return list(
            session.scalars(select(AuditEvent).order_by(AuditEvent.happened_at, AuditEvent.id))
        )


def actions(store: Store) -> list[str]:
    return [event.action for event in events(store)]


def test_opening_a_case_is_audited_with_who_and_which_case_and_person(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    before = len(events(store))
    open_case(store, officer, case.case_id)
    [opened] = events(store)[before:]
    assert (opened.action, opened.officer_id) == ("opened case", officer.id)
    assert (opened.case_id, opened.person_id) == (case.case_id, case.applicant_person_id)
    # A window already open reading its case again after a change is not a new opening.
    case_summary(store, officer, case.case_id)
    assert len(events(store)) == before + 1


def test_a_new_approach_audits_each_row_it_creates(store: Store, officer: OfficerView) -> None:
    before = len(events(store))
    case = record(store, officer, approach_for())
    made = events(store)[before:]
    assert sorted(event.action for event in made) == [
        "created household_member",
        "created housing_case",
        "created person",
    ]
    assert {event.officer_id for event in made} == {officer.id}
    by_action = {event.action: event for event in made}
    assert by_action["created housing_case"].case_id == case.case_id
    assert by_action["created person"].person_id == case.applicant_person_id
    member = by_action["created household_member"]
    assert (member.case_id, member.person_id) == (case.case_id, case.applicant_person_id)


def test_a_change_names_the_fields_changed_never_their_values(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    before = len(events(store))
    edit_case(
        store,
        officer,
        case.reference,
        {"town": "Leeds", "applicant.phone": "0113 496 0000"},
        today=TODAY,
    )
    changed = {event.action: event for event in events(store)[before:]}
    assert set(changed) == {"changed housing_case", "changed person"}
    assert changed["changed housing_case"].detail == "town"
    assert changed["changed housing_case"].case_id == case.case_id
    assert changed["changed person"].person_id == case.applicant_person_id
    assert "phone" in changed["changed person"].detail
    assert "0113" not in changed["changed person"].detail
    assert "Leeds" not in changed["changed housing_case"].detail


def test_a_note_and_a_household_member_are_audited_as_created(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    before = len(events(store))
    add_case_note(store, officer, case.case_id, "Visited at home.")
    add_household_member(
        store,
        officer,
        case.case_id,
        NewMember(
            PersonDetails("Okafor", "Tobi", None, Sex.MALE, ""),
            Relationship.CHILD,
            dependent_child=True,
        ),
        today=TODAY,
    )
    made = events(store)[before:]
    assert [e.action for e in made].count("created case_note") == 1
    assert {"created person", "created household_member"} <= {e.action for e in made}
    assert all(e.case_id == case.case_id for e in made if e.action != "created person")


def test_a_tombstone_is_audited_as_deleted(store: Store, officer: OfficerView) -> None:
    case = record(store, officer, approach_for())
    before = len(events(store))
    with store.begin() as session:
        act_as(session, officer.id)
        row = session.get_one(HousingCase, case.case_id)
        row.deleted_at = utc_now()
        session.flush()
    [deleted] = events(store)[before:]
    assert (deleted.action, deleted.case_id, deleted.detail) == (
        "deleted housing_case",
        case.case_id,
        "",
    )


def test_a_refused_change_leaves_no_audit_event(store: Store, officer: OfficerView) -> None:
    case = record(store, officer, approach_for())
    before = len(events(store))
    with pytest.raises(InvalidInput):
        add_case_note(store, officer, case.case_id, "   ")
    with pytest.raises(RuntimeError), store.begin() as session:
        session.get_one(Person, case.applicant_person_id).town = "Leeds"
        session.flush()
        raise RuntimeError("the service failed after the change")
    assert len(events(store)) == before


def test_the_acting_officer_named_in_the_session_is_the_one_audited(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    colleague = uuid.uuid4()
    with store.begin() as session:
        act_as(session, colleague)
        session.get_one(HousingCase, case.case_id).town = "York"
    assert events(store)[-1].officer_id == colleague


def test_record_audit_joins_the_callers_transaction_and_syncs(
    store: Store, officer: OfficerView
) -> None:
    case_id = uuid.uuid4()  # a purged case is no longer on the laptop: no foreign key
    with store.begin() as session:
        record_audit(session, officer.id, PURGED_CASE, case_id=case_id, detail="closed 6 years")
    [purged] = [event for event in events(store) if event.action == PURGED_CASE]
    assert (purged.case_id, purged.detail) == (case_id, "closed 6 years")
    with store.begin() as session:
        entries = session.scalars(
            select(SyncOutbox).where(SyncOutbox.table_name == "audit_event")
        ).all()
    sent = [json.loads(entry.fields) for entry in entries if entry.row_id == purged.id]
    assert sent[0]["action"] == PURGED_CASE and sent[0]["case_id"] == str(case_id)


def test_every_audit_event_is_in_the_outbox_to_reach_the_centre(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    open_case(store, officer, case.case_id)
    with store.begin() as session:
        sent = set(
            session.scalars(select(SyncOutbox.row_id).where(SyncOutbox.table_name == "audit_event"))
        )
    assert {event.id for event in events(store)} == sent


def test_an_audit_event_cannot_be_changed_through_the_orm(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    open_case(store, officer, case.case_id)
    with pytest.raises(UncapturableChange, match="append-only"), store.begin() as session:
        event = session.scalars(select(AuditEvent)).first()
        assert event is not None
        event.action = "nothing to see"
        session.flush()
    assert "nothing to see" not in actions(store)


def test_an_audit_event_cannot_be_changed_by_any_statement(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    open_case(store, officer, case.case_id)
    with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as connection:
        connection.execute(sa.update(AuditEvent.__table__).values(officer_id=None))
    assert all(event.officer_id == officer.id for event in events(store))


def test_a_bulk_load_is_one_event_not_one_per_row(store: Store, officer: OfficerView) -> None:
    before = len(events(store))
    fill_with_demo_data(store, persons=60, cases=20, seed=3)
    loaded = events(store)[before:]
    with store.begin() as session:
        rows_loaded = session.scalar(
            select(sa.func.count())
            .select_from(SyncOutbox)
            .where(SyncOutbox.table_name != "audit_event")
        )
    assert rows_loaded is not None and len(loaded) < rows_loaded / 4
    assert any(e.action == "created person" and "rows in one load" in e.detail for e in loaded)


def test_a_purge_leaves_one_event_per_case(store: Store, officer: OfficerView) -> None:
    gone = [uuid.uuid4(), uuid.uuid4()]
    with store.begin() as session:
        record_purges(session, officer.id, gone)
    purged = [event for event in events(store) if event.action == PURGED_CASE]
    assert sorted(event.case_id for event in purged) == sorted(gone)
    assert {event.officer_id for event in purged} == {officer.id}
