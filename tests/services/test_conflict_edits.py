"""Resolving a conflict from the Conflicts view: keep a side, or type a value the form accepts."""

import json
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from hoclient.models import HousingCase, Person, SyncConflict, SyncOutbox
from hoclient.services.cases import applicant_of
from hoclient.services.conflict_edits import (
    can_type_value,
    field_words,
    keep_value,
    resolve_with_value,
    typed_value_problem,
    value_as_typed,
    value_words,
)
from hoclient.services.errors import InvalidInput, NotAllowed
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.vocabulary import Role
from tests.conftest import TODAY
from tests.services.duty_helpers import add_officer
from tests.services.helpers import approach_for, record

CHANGED_AT = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)


def conflict_on(
    store: Store,
    officer: OfficerView,
    case: CaseView,
    table: str,
    field: str,
    mine: object,
    theirs: object,
) -> uuid.UUID:
    """A conflict as the centre sends one: the centre's value is already on the row."""
    with store.begin() as session:
        row_id = case.case_id if table == "housing_case" else applicant_of(session, case.case_id).id
        conflict = SyncConflict(
            case_id=case.case_id,
            table_name=table,
            row_id=row_id,
            field_name=field,
            mine_value=json.dumps(mine),
            mine_by=officer.id,
            mine_at=CHANGED_AT,
            theirs_value=json.dumps(theirs),
            theirs_by=None,
            theirs_at=CHANGED_AT,
            updated_by=officer.id,
        )
        session.add(conflict)
        session.flush()
        return conflict.id


def open_conflicts(store: Store) -> int:
    with store.begin() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None))
            )
            or 0
        )


def outbox_size(store: Store) -> int:
    with store.begin() as session:
        return session.scalar(select(func.count()).select_from(SyncOutbox)) or 0


def test_a_typed_phone_number_the_form_refuses_is_refused_and_changes_nothing(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    conflict_id = conflict_on(
        store, officer, case, "person", "phone", "0113 496 0000", "0113 496 0001"
    )
    before = outbox_size(store)
    problem = typed_value_problem(store, conflict_id, "123", today=TODAY)
    assert problem == "A UK phone number has at least 10 digits."
    with pytest.raises(InvalidInput, match="at least 10 digits"):
        resolve_with_value(store, officer, conflict_id, "123", today=TODAY)
    assert open_conflicts(store) == 1
    assert outbox_size(store) == before


def test_a_typed_value_is_saved_with_the_conflict_closed_and_both_go_to_the_outbox(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    conflict_id = conflict_on(store, officer, case, "housing_case", "town", "Leeds", "York")
    assert typed_value_problem(store, conflict_id, "Wakefield", today=TODAY) is None
    before = outbox_size(store)
    resolve_with_value(store, officer, conflict_id, " Wakefield ", today=TODAY)
    with store.begin() as session:
        assert session.get_one(HousingCase, case.case_id).town == "Wakefield"
        conflict = session.get_one(SyncConflict, conflict_id)
        assert conflict.resolution == "edited" and conflict.resolved_at is not None
        sent = set(session.scalars(select(SyncOutbox.table_name)).all()[before:])
    # The change's audit events go to the centre too (issue 7).
    assert sent == {"housing_case", "sync_conflict", "audit_event"}


def test_an_approach_date_in_the_future_is_refused_as_new_approach_refuses_it(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    conflict_id = conflict_on(
        store, officer, case, "housing_case", "approached_on", "2026-11-03", "2026-11-04"
    )
    assert (
        typed_value_problem(store, conflict_id, "2027-01-05", today=TODAY)
        == "The approach date cannot be in the future."
    )
    assert typed_value_problem(store, conflict_id, "5/11/2026", today=TODAY) == (
        "approached_on: '5/11/2026' is not a date (YYYY-MM-DD)."
    )


def test_only_fields_a_form_can_set_take_a_typed_value(store: Store, officer: OfficerView) -> None:
    assert can_type_value("housing_case", "town")
    assert can_type_value("person", "interpreter_needed")
    assert not can_type_value("housing_case", "deleted_at")
    assert not can_type_value("household_member", "relationship_to_applicant")
    case = record(store, officer, approach_for())
    conflict_id = conflict_on(
        store, officer, case, "housing_case", "deleted_at", "2026-11-24T15:30:00+00:00", {}
    )
    with pytest.raises(InvalidInput, match="keep your value or the other one"):
        resolve_with_value(store, officer, conflict_id, "anything", today=TODAY)


def test_keeping_a_side_needs_a_role_that_changes_casework(
    store: Store, officer: OfficerView
) -> None:
    case = record(store, officer, approach_for())
    conflict_id = conflict_on(store, officer, case, "housing_case", "town", "Leeds", "York")
    admin = add_officer(store, "Ada Admin", Role.ADMIN)
    with pytest.raises(NotAllowed, match="may not change casework"):
        keep_value(store, admin, conflict_id, "mine")
    keep_value(store, officer, conflict_id, "mine")
    with store.begin() as session:
        assert session.get_one(HousingCase, case.case_id).town == "Leeds"
        assert session.get_one(SyncConflict, conflict_id).resolution == "mine"


def test_values_read_as_an_officer_reads_them() -> None:
    assert field_words("housing_case", "referring_agency") == "Case: referring agency"
    assert field_words("person", "deleted_at") == "Person: removed or kept"
    assert value_words("housing_case", "approach_method", "IN_PERSON") == "In person"
    assert value_words("housing_case", "approached_on", "2026-11-05") == "05 Nov 2026"
    assert value_words("person", "interpreter_needed", True) == "Yes"
    assert value_words("housing_case", "town", None) == "(empty)"
    assert value_words("housing_case", "deleted_at", {"town": "Leeds"}) == (
        "Kept, changed: town Leeds"
    )
    assert value_words("housing_case", "deleted_at", "2026-11-24T15:30:00+00:00") == (
        "Removed 24 Nov 2026 15:30"
    )
    assert value_as_typed("housing_case", "approach_method", "IN_PERSON") == "In person"
    assert value_as_typed("person", "interpreter_needed", False) == "no"


def test_a_typed_value_for_a_person_sets_the_person(store: Store, officer: OfficerView) -> None:
    case = record(store, officer, approach_for())
    conflict_id = conflict_on(store, officer, case, "person", "ni_number", "AB123456C", "AB123456D")
    resolve_with_value(store, officer, conflict_id, "ab 12 34 56 a", today=TODAY)
    with store.begin() as session:
        person = applicant_of(session, case.case_id)
        assert session.get_one(Person, person.id).ni_number == "AB123456A"
