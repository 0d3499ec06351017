"""The centre takes a change's author from the device's enrolment, never from the laptop's
word: a device cannot make a change look like another officer's."""

import uuid
from datetime import UTC, datetime

from hoclient.server.central import Central
from hoclient.server.protocol import Change
from hoclient.sync.engine import device_token
from tests.services.helpers import approach_for, record
from tests.sync.conftest import Laptops
from tests.sync.test_push_retries import push
from tests.sync.test_sync import central_dump

AT = datetime(2026, 11, 25, 10, tzinfo=UTC)


def edit(case_id: uuid.UUID, *, changed_by: uuid.UUID | None, **fields: object) -> Change:
    return Change(
        change_id=uuid.uuid4(),
        table="housing_case",
        row_id=case_id,
        operation="update",
        fields=fields,  # type: ignore[arg-type]
        base_version=1,
        changed_by=changed_by,
        changed_at=AT,
    )


def test_a_change_claiming_another_officer_is_refused_and_changes_nothing(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    grace, kofi = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(grace.store, grace.officer, approach_for())
    grace.sync()
    token = device_token(grace.store.engine)
    (as_kofi,) = push(laptops, token, edit(case.case_id, changed_by=kofi.officer.id, town="Leeds"))
    (stamped_kofi,) = push(
        laptops,
        token,
        edit(
            case.case_id, changed_by=grace.officer.id, town="Leeds", updated_by=str(kofi.officer.id)
        ),
    )
    assert as_kofi["outcome"] == stamped_kofi["outcome"] == "refused"
    assert "another officer" in str(as_kofi["reason"])
    (row,) = central_dump(central)["housing_case"]
    assert (row["town"], row["version"]) == (None, 1)


def test_a_change_naming_no_author_is_stamped_with_the_devices_officer(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    grace = laptops.enrolled("grace")
    case = record(grace.store, grace.officer, approach_for())
    grace.sync()
    (result,) = push(
        laptops, device_token(grace.store.engine), edit(case.case_id, changed_by=None, town="Leeds")
    )
    assert result["outcome"] == "applied"
    (row,) = central_dump(central)["housing_case"]
    assert (row["town"], row["updated_by"]) == ("Leeds", str(grace.officer.id))


def test_a_note_written_in_another_officers_name_is_refused(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    grace, kofi = laptops.enrolled("grace"), laptops.enrolled("kofi")
    case = record(grace.store, grace.officer, approach_for())
    grace.sync()
    note_id = uuid.uuid4()
    forged = Change(
        change_id=uuid.uuid4(),
        table="case_note",
        row_id=note_id,
        operation="insert",
        fields={
            "id": str(note_id),
            "case_id": str(case.case_id),
            "author_id": str(kofi.officer.id),
            "text": "Not written by Kofi.",
            "created_at": AT.isoformat(),
        },
        changed_by=grace.officer.id,
        changed_at=AT,
    )
    (result,) = push(laptops, device_token(grace.store.engine), forged)
    assert result["outcome"] == "refused"
    assert "another officer" in str(result["reason"])
    assert central_dump(central)["case_note"] == []
