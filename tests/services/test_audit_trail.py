"""The audit view's query: newest first, filtered by person, case reference and officer."""

import uuid
from dataclasses import replace

import pytest

from hoclient.security.audit import PURGED_CASE, record_audit
from hoclient.services.audit_trail import AuditQuery, AuditRow, audit_page
from hoclient.services.case_notes import add_case_note
from hoclient.services.cases import open_case
from hoclient.services.errors import NotAllowed
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Role
from tests.services.duty_helpers import add_officer
from tests.services.helpers import approach_for, record


@pytest.fixture
def senior(store: Store) -> OfficerView:
    return add_officer(store, "Sam Senior", Role.SENIOR)


def page(store: Store, senior: OfficerView, **query: object) -> list[AuditRow]:
    return audit_page(store, senior, AuditQuery(**query), 0, 500)  # type: ignore[arg-type]


def test_the_newest_event_comes_first(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    grace = record(store, officer, approach_for())
    open_case(store, officer, grace.case_id)
    rows = page(store, senior)
    assert rows[0].action == "opened case"
    assert rows[0].case_reference == grace.reference
    assert rows[0].person_name == "OKAFOR, Grace"
    assert rows[0].officer_name == officer.display_name
    assert [row.happened_at for row in rows] == sorted(
        (row.happened_at for row in rows), reverse=True
    )


def test_filtering_by_a_persons_name_finds_their_rows_and_their_cases_events(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    grace = record(store, officer, approach_for())
    kofi = record(store, officer, approach_for("Mensah", "Kofi", None))
    add_case_note(store, officer, grace.case_id, "Phoned.")
    open_case(store, officer, kofi.case_id)
    rows = page(store, senior, person_name="okafor gr")
    assert all(row.case_id == grace.case_id or row.person_name == "OKAFOR, Grace" for row in rows)
    assert kofi.case_id not in {row.case_id for row in rows}
    assert "created case_note" in {row.action for row in rows}  # a note names no person
    assert "created person" in {row.action for row in rows}
    assert page(store, senior, person_name="nobody") == []


def test_filtering_by_case_reference_accepts_its_beginning_as_typed(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    grace = record(store, officer, approach_for())
    kofi = record(store, officer, approach_for("Mensah", "Kofi", None))
    typed = grace.reference.lower().replace("-", " ")
    assert {row.case_id for row in page(store, senior, case_reference=typed)} == {grace.case_id}
    assert kofi.case_id not in {row.case_id for row in page(store, senior, case_reference=typed)}


def test_filtering_by_officer_shows_only_what_they_did(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    grace = record(store, officer, approach_for())
    open_case(store, senior, grace.case_id)
    theirs = page(store, senior, officer_id=senior.id)
    assert [row.action for row in theirs if row.case_id == grace.case_id] == ["opened case"]
    assert all(row.officer_name == "Sam Senior" for row in theirs)
    assert page(store, senior, officer_id=uuid.uuid4()) == []


def test_an_event_about_a_case_no_longer_here_keeps_its_case_id(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    gone = uuid.uuid4()
    with store.begin() as session:
        record_audit(session, officer.id, PURGED_CASE, case_id=gone)
    [row] = [row for row in page(store, senior) if row.action == PURGED_CASE]
    assert (row.case_id, row.case_reference) == (gone, None)


def test_pages_neither_repeat_nor_skip_an_event(
    store: Store, officer: OfficerView, senior: OfficerView
) -> None:
    grace = record(store, officer, approach_for())
    for _ in range(7):
        open_case(store, officer, grace.case_id)
    whole = page(store, senior)
    paged = [
        row
        for offset in range(0, 30, 4)
        for row in audit_page(store, senior, AuditQuery(), offset, 4)
    ]
    assert [row.event_id for row in paged] == [row.event_id for row in whole]


def test_an_officer_may_not_read_the_audit_trail(store: Store, officer: OfficerView) -> None:
    with pytest.raises(NotAllowed, match="may not read the audit trail"):
        audit_page(store, officer, AuditQuery(), 0, 10)
    admin = replace(officer, role=Role.ADMIN)
    assert audit_page(store, admin, AuditQuery(), 0, 10)
