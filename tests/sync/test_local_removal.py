"""Taking cases off a laptop: every row of the case and of its people who are in no other case,
nothing written to the outbox, the search index following."""

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Table, delete, func, select

from hoclient.models import (
    AuditEvent,
    CaseClock,
    CaseNote,
    HouseholdMember,
    HousingCase,
    Person,
    SyncOutbox,
    SyncRowState,
)
from hoclient.models.change_capture import CAPTURE_OFF
from hoclient.models.sync_codec import synced_tables
from hoclient.security.audit import PURGED_CASE
from hoclient.server.central import Central
from hoclient.services.case_notes import add_case_note
from hoclient.services.conflicts import resolve_conflict
from hoclient.services.search import search
from hoclient.services.sync_status import list_conflicts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.engine import device_token, mark_for_visit
from hoclient.sync.local_removal import cases_with_pending_changes, forget_cases
from hoclient.sync.retention import purge_expired_cases, set_retention_years
from hoclient.vocabulary import CaseStatus, Relationship
from tests.services.duty_helpers import day, decide
from tests.services.helpers import approach_for, record
from tests.sync.conftest import Laptops
from tests.sync.test_sync import central_dump, dump, edit_case


def count(store: Store, table: Table | type) -> int:
    with store.begin() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def sent_everything(store: Store) -> None:
    """As if a sync had taken every change to the centre."""
    with store.begin() as session:
        session.execute(delete(SyncOutbox))


def test_forgetting_a_case_removes_its_rows_and_people_and_writes_no_outbox(
    store: Store, officer: OfficerView
) -> None:
    gone = record(store, officer, approach_for("Okafor", "Grace"))
    kept = record(store, officer, approach_for("Mensah", "Kofi"))
    add_case_note(store, officer, gone.case_id, "Rang the landlord.")
    decide(store, officer, gone.case_id, "application", day(4))
    decide(store, officer, gone.case_id, "relief_duty_accepted", day(4))
    with store.begin() as session:
        session.add(SyncRowState(table_name="housing_case", row_id=gone.case_id, server_version=3))
    outbox_before = count(store, SyncOutbox)
    assert count(store, CaseClock) > 0

    with store.begin() as session:
        assert forget_cases(session, [gone.case_id]) == 1

    assert count(store, SyncOutbox) == outbox_before  # a local removal, not a change
    with store.begin() as session:
        assert session.scalars(select(HousingCase.id)).all() == [kept.case_id]
        assert session.scalars(select(Person.family_name)).all() == ["Mensah"]
        for table in synced_tables().values():
            if "case_id" in table.c:
                assert not session.execute(
                    select(table.c.id).where(table.c.case_id == gone.case_id)
                ).first(), table.name
        assert session.scalar(select(func.count()).select_from(CaseNote)) == 0
        assert session.scalar(select(func.count()).select_from(SyncRowState)) == 0
    assert count(store, CaseClock) == 0
    assert search(store, officer, "okafor").hits == ()
    assert len(search(store, officer, "mensah").hits) == 1


def test_a_person_in_another_held_case_stays(store: Store, officer: OfficerView) -> None:
    gone = record(store, officer, approach_for("Okafor", "Grace"))
    kept = record(store, officer, approach_for("Mensah", "Kofi"))
    with store.begin() as session:
        session.info[CAPTURE_OFF] = True
        grace = session.scalars(select(Person).where(Person.family_name == "Okafor")).one()
        session.add(
            HouseholdMember(
                case_id=kept.case_id,
                person_id=grace.id,
                relationship_to_applicant=Relationship.PARTNER,
                updated_by=officer.id,
            )
        )
    with store.begin() as session:
        forget_cases(session, [gone.case_id])
    with store.begin() as session:
        assert sorted(session.scalars(select(Person.family_name))) == ["Mensah", "Okafor"]
    assert len(search(store, officer, "okafor").hits) == 1


def test_a_change_in_the_outbox_keeps_its_case(store: Store, officer: OfficerView) -> None:
    waiting = record(store, officer, approach_for("Okafor", "Grace"))
    sent = record(store, officer, approach_for("Mensah", "Kofi"))
    sent_everything(store)
    add_case_note(store, officer, waiting.case_id, "Not sent yet.")
    with store.begin() as session:
        assert cases_with_pending_changes(session.connection()) == {waiting.case_id}
    assert sent.case_id != waiting.case_id


def close(store: Store, case_id: uuid.UUID, closed_on: date) -> None:
    with store.begin() as session:
        case = session.get(HousingCase, case_id)
        assert case is not None
        case.status, case.closed_on = CaseStatus.CLOSED, closed_on


def test_cases_closed_longer_than_the_retention_period_are_purged(
    store: Store, officer: OfficerView
) -> None:
    old = record(store, officer, approach_for("Okafor", "Grace"))
    recent = record(store, officer, approach_for("Mensah", "Kofi"))
    waiting = record(store, officer, approach_for("Boateng", "Ama"))
    close(store, old.case_id, date(2020, 11, 24))  # six years and a day before 25 Nov 2026
    close(store, recent.case_id, date(2020, 11, 25))  # six years to the day: still kept
    close(store, waiting.case_id, date(2019, 1, 1))
    sent_everything(store)
    add_case_note(store, officer, waiting.case_id, "Not sent yet.")
    purged: list[list[uuid.UUID]] = []

    with store.begin() as session:
        removed = purge_expired_cases(
            session, today=date(2026, 11, 25), on_purged=lambda _s, ids: purged.append(ids)
        )

    assert removed == [old.case_id] and purged == [[old.case_id]]
    with store.begin() as session:
        assert sorted(session.scalars(select(Person.family_name))) == ["Boateng", "Mensah"]


def test_the_council_sets_its_own_retention_period(store: Store, officer: OfficerView) -> None:
    case = record(store, officer, approach_for())
    close(store, case.case_id, date(2024, 1, 1))
    sent_everything(store)
    with store.begin() as session:
        set_retention_years(session.connection(), 2)
    with store.begin() as session:
        assert purge_expired_cases(session, today=date(2026, 1, 2)) == [case.case_id]
    # The purge is audited in the name of the laptop's officer (issue 7, retention).
    with store.begin() as session:
        purges = session.scalars(select(AuditEvent).where(AuditEvent.action == PURGED_CASE)).all()
    assert [(event.case_id, event.officer_id) for event in purges] == [(case.case_id, officer.id)]


def test_a_case_closed_elsewhere_leaves_the_laptop_but_not_the_centre(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    closing = record(first.store, first.officer, approach_for("Okafor", "Grace"))
    staying = record(first.store, first.officer, approach_for("Mensah", "Kofi"))
    first.sync()
    second.sync()
    edit_case(first, closing.case_id, status=CaseStatus.CLOSED, closed_on=date(2026, 11, 25))
    # The closing laptop's own copy goes as soon as its change is at the centre.
    assert first.sync().removed_cases == 1
    assert [row["id"] for row in dump(first)["housing_case"]] == [str(staying.case_id)]
    report = second.sync()
    assert report.removed_cases == 1
    (held,) = dump(second)["housing_case"]
    assert held["id"] == str(staying.case_id)
    assert search(second.store, second.officer, "okafor").hits == ()
    assert len(central_dump(central)["housing_case"]) == 2
    assert count(second.store, SyncOutbox) == 0
    assert dump(first) == dump(second)


def test_taking_off_a_visit_mark_takes_the_case_off_the_laptop(laptops: Laptops) -> None:
    laptops.officer("grace", team="North")
    laptops.officer("amira", team="South")
    north, south = laptops.enrolled("grace"), laptops.enrolled("amira")
    case = record(north.store, north.officer, approach_for())
    north.sync()
    token = device_token(south.store.engine)
    mark_for_visit(south.client, token, case.reference, marked=True)
    south.sync()
    assert len(dump(south)["housing_case"]) == 1
    edit_case(south, case.case_id, town="Hull", updated_at=datetime(2026, 11, 25, tzinfo=UTC))
    assert not south.sync().refused
    mark_for_visit(south.client, token, case.reference, marked=False)
    assert south.sync().removed_cases == 1
    assert dump(south)["housing_case"] == [] and dump(south)["person"] == []
    north.sync()
    assert dump(north)["housing_case"][0]["town"] == "Hull"


def test_a_case_with_an_unresolved_conflict_stays_until_it_is_resolved(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    edit_case(first, case.case_id, deleted_at=datetime(2026, 11, 25, 9, tzinfo=UTC))
    edit_case(second, case.case_id, town="York")
    first.sync()
    report = second.sync()  # deleted elsewhere, so out of scope, but in conflict here
    assert (report.conflicts, report.removed_cases) == (1, 0)
    (conflict,) = list_conflicts(second.store, second.officer)
    resolve_conflict(second.store, second.officer, conflict.conflict_id, "theirs")
    assert second.sync().removed_cases == 1
    assert dump(second)["housing_case"] == []
