"""Retries are safe: a change sent twice applies once; a reused change id is refused."""

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from hoclient.models import AuditEvent, SyncOutbox
from hoclient.server.central import Central
from hoclient.server.protocol import Change, PushRequest
from hoclient.sync.engine import device_token
from tests.services.helpers import approach_for, record
from tests.sync.conftest import Laptops
from tests.sync.test_sync import central_dump


def push(laptops: Laptops, token: str, *changes: Change) -> list[dict[str, object]]:
    answer = laptops.client.post(
        "/v1/push",
        content=PushRequest(changes=list(changes)).model_dump_json(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    results: list[dict[str, object]] = answer.json()["results"]
    return results


def new_member(
    case_id: uuid.UUID,
    person_id: uuid.UUID,
    relationship: str,
    officer_id: uuid.UUID,
    at: datetime,
) -> Change:
    """The insert of a household member, as a laptop pushes it."""
    member_id = uuid.uuid4()
    return Change(
        change_id=uuid.uuid4(),
        table="household_member",
        row_id=member_id,
        operation="insert",
        fields={
            "id": str(member_id),
            "case_id": str(case_id),
            "person_id": str(person_id),
            "relationship_to_applicant": relationship,
            "normally_resides_with_applicant": True,
            "dependent_child": relationship == "CHILD",
            "pregnant": False,
            "expected_due_on": None,
            "created_at": at.isoformat(),
            "updated_at": at.isoformat(),
            "updated_by": str(officer_id),
            "deleted_at": None,
        },
        changed_by=officer_id,
        changed_at=at,
    )


def test_the_same_change_twice_is_applied_once(laptops: Laptops, central: Central) -> None:
    laptops.officer("grace")
    grace = laptops.enrolled("grace")
    case = record(grace.store, grace.officer, approach_for())
    grace.sync()
    token = device_token(grace.store.engine)
    change = Change(
        change_id=uuid.uuid4(),
        table="housing_case",
        row_id=case.case_id,
        operation="update",
        fields={"town": "Leeds"},
        base_version=1,
        changed_by=grace.officer.id,
        changed_at=datetime(2026, 11, 25, 10, tzinfo=UTC),
    )
    (first,) = push(laptops, token, change)
    (again,) = push(laptops, token, change)
    assert (first["outcome"], again["outcome"]) == ("applied", "duplicate")
    assert first["version"] == again["version"] == 2
    (row,) = central_dump(central)["housing_case"]
    assert (row["town"], row["version"]) == ("Leeds", 2)

    reused = change.model_copy(update={"fields": {"town": "York"}})
    (refused,) = push(laptops, token, reused)
    assert refused["outcome"] == "refused"
    assert "already used for a different change" in str(refused["reason"])
    assert central_dump(central)["housing_case"][0]["town"] == "Leeds"


def test_an_unknown_token_is_turned_away(laptops: Laptops) -> None:
    answer = laptops.client.post(
        "/v1/pull",
        content="{}",
        headers={"Authorization": "Bearer not-a-token", "Content-Type": "application/json"},
    )
    assert answer.status_code == 401


def test_health_and_the_openapi_schema(laptops: Laptops) -> None:
    assert laptops.client.get("/v1/health").json()["status"] == "ok"
    paths = laptops.client.get("/openapi.json").json()["paths"]
    assert {"/v1/health", "/v1/devices", "/v1/push", "/v1/pull"} <= set(paths)


def test_a_change_the_database_refuses_is_refused_alone(laptops: Laptops, central: Central) -> None:
    laptops.officer("grace")
    grace = laptops.enrolled("grace")
    case = record(grace.store, grace.officer, approach_for())
    grace.sync()
    at = datetime(2026, 11, 25, 10, tzinfo=UTC)
    edit = Change(
        change_id=uuid.uuid4(),
        table="housing_case",
        row_id=case.case_id,
        operation="update",
        fields={"town": "Leeds"},
        base_version=1,
        changed_by=grace.officer.id,
        changed_at=at,
    )
    # a household member of a person the centre has never heard of
    orphan = new_member(case.case_id, uuid.uuid4(), "CHILD", grace.officer.id, at)
    applied, refused = push(laptops, device_token(grace.store.engine), edit, orphan)
    assert applied["outcome"] == "applied"
    assert refused["outcome"] == "refused"
    assert "refused it" in str(refused["reason"])
    assert central_dump(central)["housing_case"][0]["town"] == "Leeds"
    assert len(central_dump(central)["household_member"]) == 1


def test_a_batch_that_is_valid_only_in_its_order_is_applied_whole(
    laptops: Laptops, central: Central
) -> None:
    """The centre writes a batch's updates together at its end; a constraint that only holds
    in the batch's own order (one applicant a case) must still let the batch through."""
    laptops.officer("grace")
    grace = laptops.enrolled("grace")
    case = record(grace.store, grace.officer, approach_for())
    other = record(grace.store, grace.officer, approach_for("Mensah", "Kofi"))
    grace.sync()
    (old_applicant,) = [
        row
        for row in central_dump(central)["household_member"]
        if row["case_id"] == str(case.case_id)
    ]
    at = datetime(2026, 11, 25, 10, tzinfo=UTC)
    no_longer_applicant = Change(
        change_id=uuid.uuid4(),
        table="household_member",
        row_id=uuid.UUID(str(old_applicant["id"])),
        operation="update",
        fields={"relationship_to_applicant": "PARTNER"},
        base_version=1,
        changed_by=grace.officer.id,
        changed_at=at,
    )
    new_applicant = new_member(
        case.case_id, other.applicant_person_id, "APPLICANT", grace.officer.id, at
    )
    member_id = new_applicant.row_id
    token = device_token(grace.store.engine)
    results = push(laptops, token, no_longer_applicant, new_applicant)
    assert [result["outcome"] for result in results] == ["applied", "applied"]
    members = {
        row["id"]: row["relationship_to_applicant"]
        for row in central_dump(central)["household_member"]
        if row["case_id"] == str(case.case_id)
    }
    assert members == {old_applicant["id"]: "PARTNER", str(member_id): "APPLICANT"}


def test_an_audit_event_sent_twice_under_two_change_ids_is_kept_once(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    grace = laptops.enrolled("grace")
    record(grace.store, grace.officer, approach_for())
    with grace.store.engine.connect() as connection:
        entry = connection.execute(
            select(SyncOutbox).where(SyncOutbox.table_name == "audit_event").limit(1)
        ).one()
    event = Change(
        change_id=uuid.uuid4(),
        table="audit_event",
        row_id=entry.row_id,
        operation="insert",
        fields=json.loads(entry.fields),
        changed_by=grace.officer.id,
        changed_at=entry.changed_at,
    )
    again = event.model_copy(update={"change_id": uuid.uuid4()})
    token = device_token(grace.store.engine)
    first, second = push(laptops, token, event, again)
    (later,) = push(laptops, token, event.model_copy(update={"change_id": uuid.uuid4()}))
    assert [first["outcome"], second["outcome"], later["outcome"]] == [
        "applied",
        "refused",
        "refused",
    ]
    assert "already exists" in str(second["reason"]) and "already exists" in str(later["reason"])
    with central.read() as connection:
        kept = connection.execute(select(AuditEvent.id).where(AuditEvent.id == entry.row_id)).all()
    assert len(kept) == 1
