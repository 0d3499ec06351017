"""Two laptops and the centre: what one records, the other receives; nothing twice."""

import json
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import Connection, func, select, update

from hoclient.models import AuditEvent, HousingCase, Person, SyncConflict, SyncOutbox
from hoclient.models.sync_codec import synced_tables as central_tables
from hoclient.security.audit import OPENED_CASE, SIGNED_IN, record_audit
from hoclient.server.central import Central
from hoclient.server.protocol import Change, PullRequest, PushRequest
from hoclient.server.pull import pull_page
from hoclient.services.case_notes import add_case_note
from hoclient.services.cases import open_case
from hoclient.services.conflicts import resolve_conflict
from hoclient.services.demo_data import fill_with_demo_data
from hoclient.services.officers import current_officer
from hoclient.services.search import search
from hoclient.services.sync_status import list_conflicts, sync_status
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.dump import dump_synced_rows
from hoclient.sync.engine import SyncFailed, device_token, enrol, mark_for_visit
from hoclient.sync.page_apply import AppliedPage, ReadPage, apply_page
from hoclient.vocabulary import CaseStatus
from tests.services.helpers import approach_for, record
from tests.sync.conftest import PASSWORD, Laptop, Laptops


def dump(laptop: Laptop) -> dict[str, list[dict[str, object]]]:
    with laptop.store.engine.connect() as connection:
        return dump_synced_rows(connection)  # type: ignore[return-value]


def central_dump(central: Central) -> dict[str, list[dict[str, object]]]:
    with central.read() as connection:
        return dump_synced_rows(connection)  # type: ignore[return-value]


def outbox_size(store: Store) -> int:
    with store.begin() as session:
        return session.scalar(select(func.count()).select_from(SyncOutbox)) or 0


def outbox_tables(store: Store) -> list[str]:
    with store.begin() as session:
        return sorted(session.scalars(select(SyncOutbox.table_name)))


def edit_case(laptop: Laptop, case_id: object, **values: object) -> None:
    with laptop.store.begin() as session:
        case = session.get(HousingCase, case_id)
        assert case is not None
        for name, value in values.items():
            setattr(case, name, value)
        case.updated_by = laptop.officer.id


def test_a_case_made_on_one_laptop_reaches_the_other_whole(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    add_case_note(first.store, first.officer, case.case_id, "Called the landlord.")
    report = first.sync()
    # Person, case, household member and note; and an audit event for each, counted apart.
    assert (report.pushed, report.audit_events, report.refused) == (4, 4, [])
    second.sync()
    assert dump(first) == dump(second)
    assert outbox_size(first.store) == outbox_size(second.store) == 0  # nothing sent back


def test_a_colleagues_new_case_arrives_once_not_again_from_the_feed(
    laptops: Laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    grace, kofi = laptops.enrolled("grace"), laptops.enrolled("kofi")
    grace.sync()
    kofi.sync()  # kofi's cursor is now below grace's new case
    case = record(grace.store, grace.officer, approach_for())
    add_case_note(grace.store, grace.officer, case.case_id, "Called the landlord.")
    grace.sync()
    received: list[tuple[str, str]] = []

    def counting(connection: Connection, page: ReadPage) -> AppliedPage:
        for name, block in page.tables.items():
            at = block.position("id")
            ids = connection.exec_driver_sql(
                f"SELECT e.value ->> {at} FROM jsonb_each(?) AS e", (block.rows,)
            ).scalars()
            received.extend((name, row_id) for row_id in ids)
        return apply_page(connection, page)

    monkeypatch.setattr("hoclient.sync.engine.apply_page", counting)
    kofi.sync()

    assert dump(kofi) == dump(grace)
    case_rows = [(table, row_id) for table, row_id in received if table != "person"]
    assert ("housing_case", str(case.case_id)) in case_rows
    assert len(case_rows) == len(set(case_rows))  # the case's rows came once, whole


def test_edits_of_different_fields_merge_without_a_conflict(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    edit_case(first, case.case_id, town="Leeds")
    edit_case(second, case.case_id, referring_agency="Shelter")
    first.sync()
    assert second.sync().conflicts == 0
    first.sync()
    assert dump(first) == dump(second)
    with second.store.begin() as session:
        merged = session.get(HousingCase, case.case_id)
        assert merged is not None
        assert (merged.town, merged.referring_agency) == ("Leeds", "Shelter")


def test_the_same_field_changed_on_both_sides_becomes_a_conflict_with_both_values(
    laptops: Laptops,
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    edit_case(first, case.case_id, town="Leeds")
    edit_case(second, case.case_id, town="York")
    first.sync()
    assert second.sync().conflicts == 1
    first.sync()
    assert dump(first) == dump(second)
    with first.store.begin() as session:
        conflict = session.scalars(select(SyncConflict)).one()
        assert (conflict.field_name, conflict.case_id) == ("town", case.case_id)
        assert json.loads(conflict.mine_value) == "York"  # the second to push
        assert json.loads(conflict.theirs_value) == "Leeds"  # the centre's, which stands
        assert conflict.mine_by == second.officer.id
        assert conflict.theirs_by == first.officer.id
        assert session.get(HousingCase, case.case_id).town == "Leeds"  # type: ignore[union-attr]


def test_a_tombstone_meeting_an_edit_is_a_conflict(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    edit_case(first, case.case_id, deleted_at=datetime(2026, 11, 25, 9, tzinfo=UTC))
    edit_case(second, case.case_id, town="York")
    first.sync()
    assert second.sync().conflicts == 1
    with second.store.begin() as session:
        conflict = session.scalars(select(SyncConflict)).one()
        assert conflict.field_name == "deleted_at"
    # The visiting officer's edit wins: the case comes back, with the edit.
    resolve_conflict(second.store, second.officer, conflict.id, "mine")
    second.sync()
    first.sync()
    assert dump(first) == dump(second)
    (row,) = dump(first)["housing_case"]
    assert (row["town"], row["deleted_at"]) == ("York", None)


def test_notes_from_both_laptops_never_conflict(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    add_case_note(first.store, first.officer, case.case_id, "Rang the school.")
    add_case_note(second.store, second.officer, case.case_id, "Visited the family.")
    first.sync()
    assert second.sync().conflicts == 0
    first.sync()
    assert len(dump(first)["case_note"]) == 2
    assert dump(first) == dump(second)


def test_another_teams_laptop_neither_receives_nor_changes_the_case(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace", team="North")
    laptops.officer("amira", team="South")
    north, south = laptops.enrolled("grace"), laptops.enrolled("amira")
    record(north.store, north.officer, approach_for())
    north.sync()
    south.sync()
    assert dump(south)["housing_case"] == []
    assert dump(south)["person"] == []
    assert len(central_dump(central)["housing_case"]) == 1


def test_a_device_cannot_change_another_teams_case(laptops: Laptops) -> None:
    laptops.officer("grace", team="North")
    laptops.officer("amira", team="South")
    north, south = laptops.enrolled("grace"), laptops.enrolled("amira")
    case = record(north.store, north.officer, approach_for())
    north.sync()
    change = Change(
        change_id=uuid.uuid4(),
        table="housing_case",
        row_id=case.case_id,
        operation="update",
        fields={"town": "Hull"},
        base_version=1,
        changed_by=south.officer.id,
        changed_at=datetime.now(UTC),
    )
    answer = south.client.post(
        "/v1/push",
        content=PushRequest(changes=[change]).model_dump_json(),
        headers={
            "Authorization": f"Bearer {device_token(south.store.engine)}",
            "Content-Type": "application/json",
        },
    ).json()
    assert answer["results"][0]["outcome"] == "refused"
    assert "not your team's" in answer["results"][0]["reason"]


def test_pulled_rows_are_findable_by_name_on_the_receiving_laptop(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    record(first.store, first.officer, approach_for("Okafor", "Grace"))
    first.sync()
    second.sync()
    with second.store.begin() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 1
    assert len(search(second.store, current_officer(second.store), "okafor").hits) == 1


def test_a_case_marked_for_a_visit_arrives_whole_from_another_team(laptops: Laptops) -> None:
    laptops.officer("grace", team="North")
    laptops.officer("amira", team="South")
    north, south = laptops.enrolled("grace"), laptops.enrolled("amira")
    case = record(north.store, north.officer, approach_for())
    add_case_note(north.store, north.officer, case.case_id, "Needs a home visit.")
    north.sync()
    token = device_token(south.store.engine)
    mark_for_visit(south.client, token, case.reference, marked=True)
    south.sync()
    for table in ("housing_case", "household_member", "person", "case_note"):
        assert dump(south)[table] == dump(north)[table], table
    edit_case(south, case.case_id, town="Hull")  # the visiting officer may change it
    assert not south.sync().refused
    north.sync()
    assert dump(north)["housing_case"] == dump(south)["housing_case"]


def test_a_store_with_work_from_before_enrolment_is_not_enrolled(
    laptops: Laptops, store: Store, officer: OfficerView
) -> None:
    laptops.officer("grace")
    with store.begin() as session:
        record_audit(session, officer.id, SIGNED_IN)
    before = outbox_tables(store)
    assert "officer" in before and "audit_event" in before  # casework, and an audit event
    with pytest.raises(SyncFailed, match="Enrol with a new store"):
        enrol(store.engine, laptops.client, username="grace", password=PASSWORD)
    assert outbox_tables(store) == before, "refused, nothing changed"
    assert not sync_status(store).enrolled


def test_a_store_whose_only_unsent_rows_are_audit_events_is_enrolled_and_syncs_cleanly(
    laptops: Laptops, store: Store
) -> None:
    laptops.officer("grace")
    local_officer, case_id = uuid.uuid4(), uuid.uuid4()  # a local officer the centre never saw
    with store.begin() as session:
        record_audit(session, local_officer, SIGNED_IN)
        record_audit(session, local_officer, OPENED_CASE, case_id=case_id)
    assert outbox_tables(store) == ["audit_event", "audit_event"]
    enrol(store.engine, laptops.client, username="grace", password=PASSWORD)
    assert outbox_size(store) == 0, "taken out of the outbox: the centre would refuse them"
    with store.begin() as session:
        kept = session.scalars(select(AuditEvent.action).order_by(AuditEvent.action)).all()
    assert kept == [OPENED_CASE, SIGNED_IN], "still in this laptop's own trail"
    report = Laptop(store, laptops.client).sync()
    assert report.refused == [] and report.pulled_rows > 0


def test_demo_data_on_an_enrolled_laptop_is_the_officers_and_syncs(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    assert fill_with_demo_data(first.store, persons=24, cases=8, seed=3) == 0
    assert first.officer.display_name == "grace"  # still the enrolled officer
    report = first.sync()
    assert not report.refused and report.pushed > 0
    second.sync()
    with first.store.begin() as session:
        open_cases = session.scalar(
            select(func.count())
            .select_from(HousingCase)
            .where(HousingCase.status == CaseStatus.OPEN)
        )
        teams = set(session.scalars(select(HousingCase.team_id)))
    assert teams == {first.officer.team_id}
    assert len(dump(second)["housing_case"]) == open_cases  # the team's open cases


def test_keeping_my_value_resolves_the_conflict_everywhere(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    second.sync()
    edit_case(first, case.case_id, town="Leeds")
    edit_case(second, case.case_id, town="York")
    first.sync()
    second.sync()
    (conflict,) = list_conflicts(second.store, current_officer(second.store))
    resolve_conflict(second.store, second.officer, conflict.conflict_id, "mine")
    assert second.sync().conflicts == 0
    first.sync()
    assert dump(first) == dump(second)
    assert (
        list_conflicts(first.store, current_officer(first.store))
        == list_conflicts(second.store, current_officer(second.store))
        == []
    )
    assert [row["town"] for row in dump(first)["housing_case"]] == ["York"]


def test_opening_a_case_leaves_no_change_to_send(laptops: Laptops) -> None:
    laptops.officer("grace")
    first = laptops.enrolled("grace")
    case = record(first.store, first.officer, approach_for())
    first.sync()
    open_case(first.store, first.officer, case.case_id)
    assert outbox_tables(first.store) == ["audit_event"]  # the opening travels, audited
    assert sync_status(first.store).pending_changes == 0
    report = first.sync()
    assert (report.pushed, report.audit_events) == (0, 1)
    assert report.summary().startswith("Sent 0 change(s) (0 already at the centre, 0 in ")
    assert " and 1 audit event(s);" in report.summary()


def test_the_status_counts_pending_changes_and_open_conflicts(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    first, second = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(first.store, first.officer, approach_for())
    status = sync_status(first.store)
    assert status.enrolled and status.pending_changes == 3 and status.last_sync_at is not None
    first.sync()
    second.sync()
    edit_case(first, case.case_id, town="Leeds")
    edit_case(second, case.case_id, town="York")
    first.sync()
    second.sync()
    status = sync_status(second.store)
    assert (status.pending_changes, status.open_conflicts) == (0, 1)


class CutsAPullPage(httpx.BaseTransport):
    """Passes everything through, but sends the numbered pull page cut short."""

    def __init__(self, inner: httpx.BaseTransport, page: int) -> None:
        self.inner, self.page, self.pulls = inner, page, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path != "/v1/pull":
            return response
        self.pulls += 1
        body = response.read()
        if self.pulls == self.page:
            body = body[: len(body) // 2]
        return httpx.Response(response.status_code, headers=response.headers, content=body)


@pytest.mark.parametrize("page", [1, 2])
def test_a_pull_page_cut_short_stops_the_sync_with_a_message_and_the_next_sync_ends_equal(
    laptops: Laptops, page: int
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    grace, kofi = laptops.enrolled("grace"), laptops.enrolled("kofi")
    for family in ("Mensah", "Begum", "Novak"):
        case = record(grace.store, grace.officer, approach_for(family, "Sam"))
        add_case_note(grace.store, grace.officer, case.case_id, f"Met {family} at the surgery.")
    grace.sync()
    cutting = CutsAPullPage(laptops.client._transport, page)
    with (
        httpx.Client(transport=cutting, base_url=laptops.client.base_url) as client,
        pytest.raises(SyncFailed, match="pull page"),
    ):
        Laptop(kofi.store, client).sync(page_rows=2)
    kofi.sync()
    assert dump(kofi) == dump(grace)


def test_a_case_passed_over_while_a_first_sync_asks_by_place_still_arrives(
    laptops: Laptops, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new laptop asks for the cases entering its scope by their place in the list, several
    # pages at once. A case closed at the centre meanwhile moves the list by one, so a page
    # asked for later starts a case too far on: the case passed over must still arrive.
    monkeypatch.setattr("hoclient.sync.engine.FIRST_SYNC_CASES_PER_PAGE", (1,))
    laptops.officer("grace")
    laptops.officer("kofi")
    grace = laptops.enrolled("grace")
    for family in ("Adeyemi", "Brennan", "Chowdhury", "Dlamini", "Evans", "Fischer"):
        record(grace.store, grace.officer, approach_for(family))
    grace.sync()
    kofi = laptops.enrolled_not_synced("kofi")
    case = central_tables()["housing_case"]
    with central.read() as connection:
        first_case = connection.scalar(select(case.c.id).order_by(case.c.id).limit(1))
    requests: list[str] = []

    def close_the_first_case_after_three_requests(step: str) -> None:
        if step == "pull: before request":
            requests.append(step)
            if len(requests) == 4:  # the reference data, and the first pages by place
                with central.write() as connection:
                    connection.execute(
                        update(case).where(case.c.id == first_case).values(status=CaseStatus.CLOSED)
                    )

    kofi.sync(checkpoint=close_the_first_case_after_three_requests)

    with central.read() as connection:
        open_cases = set(
            connection.scalars(select(case.c.id).where(case.c.status == CaseStatus.OPEN))
        )
    with kofi.store.begin() as session:
        held = set(session.scalars(select(HousingCase.id)))
    assert len(requests) > 4 and len(open_cases) == 5
    assert held == open_cases


def test_a_first_sync_with_a_centre_that_does_not_know_places_still_ends_with_every_case(
    laptops: Laptops, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A centre older than PullRequest.cases_from ignores it and answers each request by place
    # with its own first page of entering cases: the laptop must not ask for it forever.
    monkeypatch.setattr("hoclient.sync.engine.FIRST_SYNC_CASES_PER_PAGE", (1,))
    laptops.officer("grace")
    laptops.officer("kofi")
    grace = laptops.enrolled("grace")
    for family in ("Adeyemi", "Brennan", "Chowdhury"):
        record(grace.store, grace.officer, approach_for(family))
    grace.sync()

    def as_an_older_centre(connection: Connection, who: object, request: PullRequest) -> bytes:
        older = request.model_copy(update={"cases_from": None, "cases_limit": None})
        return pull_page(connection, who, older)  # type: ignore[arg-type]

    monkeypatch.setattr("hoclient.server.app.pull_page", as_an_older_centre)
    kofi = laptops.enrolled_not_synced("kofi")
    requests: list[str] = []

    def at_most_twenty_requests(step: str) -> None:
        if step == "pull: before request":
            requests.append(step)
            assert len(requests) <= 20, "the laptop kept asking for the same page"

    kofi.sync(checkpoint=at_most_twenty_requests)

    assert dump(kofi)["housing_case"] == dump(grace)["housing_case"]
    assert len(dump(kofi)["housing_case"]) == 3
