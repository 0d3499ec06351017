"""Every service entry point checks the acting officer's role first (DESIGN.md, Security).

ENTRY_POINTS lists every public function of hoclient.services that takes the acting officer,
with the permission it needs and a call that succeeds for a role that has it. The registry
test fails when a new one is not listed, so no service can slip through unchecked. Each entry
is then called as each role: refused exactly where the permission table says, and a refusal
changes nothing - no row, no outbox entry, no audit event.
"""

import importlib
import inspect
import json
import pkgutil
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import hoclient.services
from hoclient.models import AuditEvent, SyncConflict, SyncOutbox
from hoclient.models.change_capture import CAPTURE_OFF
from hoclient.models.types import utc_now
from hoclient.security.roles import Permission, may
from hoclient.services.approaches import record_new_approach
from hoclient.services.audit_trail import AuditQuery, audit_page
from hoclient.services.case_edits import edit_case
from hoclient.services.case_notes import add_case_note, notes_of
from hoclient.services.caseload import CaseloadQuery, caseload_count, caseload_page
from hoclient.services.cases import case_summary, open_case
from hoclient.services.conflicts import resolve_conflict
from hoclient.services.deadlines import deadlines
from hoclient.services.decisions import (
    authorise_decision,
    correct_decision,
    duty_view,
    record_decision,
    strike_out_decision,
)
from hoclient.services.duty_views import DecisionInput
from hoclient.services.errors import NotAllowed
from hoclient.services.households import NewMember, add_household_member, household_of
from hoclient.services.officers import current_officer
from hoclient.services.persons import PersonDetails
from hoclient.services.search import search
from hoclient.services.sync_status import list_conflicts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store, open_store
from hoclient.sync.dump import dump_synced_rows
from hoclient.vocabulary import Relationship, Role, Sex
from tests.conftest import TODAY
from tests.services.duty_helpers import APPLIED_ON, add_officer, day, decide
from tests.services.helpers import approach_for, record


@dataclass(frozen=True)
class World:
    """What the calls act on, made once and copied for each test."""

    case_id: uuid.UUID
    reference: str
    undecided_case_id: uuid.UUID
    pending_notice_id: uuid.UUID
    conflict_id: uuid.UUID


Call = Callable[[Store, OfficerView, World], object]


@dataclass(frozen=True)
class Entry:
    permission: Permission
    call: Call


def _notice() -> DecisionInput:
    return DecisionInput(what="non_cooperation_notice", decided_on=day(30), reasons="Reasons.")


ENTRY_POINTS: dict[Callable[..., Any], Entry] = {
    record_new_approach: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: record_new_approach(
            s, o, approach_for("Zephyrine", "Quill", date(1984, 5, 6)), today=TODAY
        ),
    ),
    edit_case: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: edit_case(s, o, w.reference, {"town": "Leeds"}, today=TODAY),
    ),
    add_case_note: Entry(
        Permission.WRITE_CASEWORK, lambda s, o, w: add_case_note(s, o, w.case_id, "Phoned.")
    ),
    notes_of: Entry(Permission.READ_CASEWORK, lambda s, o, w: notes_of(s, o, w.case_id)),
    caseload_page: Entry(
        Permission.READ_CASEWORK, lambda s, o, w: caseload_page(s, o, CaseloadQuery(), 0, 10)
    ),
    caseload_count: Entry(
        Permission.READ_CASEWORK, lambda s, o, w: caseload_count(s, o, CaseloadQuery())
    ),
    open_case: Entry(Permission.READ_CASEWORK, lambda s, o, w: open_case(s, o, w.case_id)),
    case_summary: Entry(Permission.READ_CASEWORK, lambda s, o, w: case_summary(s, o, w.case_id)),
    resolve_conflict: Entry(
        Permission.WRITE_CASEWORK, lambda s, o, w: resolve_conflict(s, o, w.conflict_id, "mine")
    ),
    deadlines: Entry(Permission.READ_CASEWORK, lambda s, o, w: deadlines(s, o, as_of=TODAY)),
    record_decision: Entry(
        Permission.DECIDE,
        lambda s, o, w: record_decision(
            s,
            o,
            w.undecided_case_id,
            DecisionInput(what="application", decided_on=APPLIED_ON),
            today=TODAY,
        ),
    ),
    authorise_decision: Entry(
        Permission.AUTHORISE, lambda s, o, w: authorise_decision(s, o, w.pending_notice_id)
    ),
    correct_decision: Entry(
        Permission.DECIDE,
        lambda s, o, w: correct_decision(
            s, o, w.pending_notice_id, _notice(), why="Wrong reasons given.", today=TODAY
        ),
    ),
    strike_out_decision: Entry(
        Permission.DECIDE,
        lambda s, o, w: strike_out_decision(
            s, o, w.pending_notice_id, why="Recorded on the wrong case.", today=TODAY
        ),
    ),
    duty_view: Entry(
        Permission.READ_CASEWORK, lambda s, o, w: duty_view(s, o, w.case_id, as_of=TODAY)
    ),
    household_of: Entry(
        Permission.READ_CASEWORK, lambda s, o, w: household_of(s, o, w.case_id, today=TODAY)
    ),
    add_household_member: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: add_household_member(
            s,
            o,
            w.case_id,
            NewMember(
                PersonDetails("Okafor", "Tobi", date(2019, 1, 2), Sex.MALE, ""),
                Relationship.CHILD,
                dependent_child=True,
            ),
            today=TODAY,
        ),
    ),
    search: Entry(Permission.READ_CASEWORK, lambda s, o, w: search(s, o, "okafor")),
    list_conflicts: Entry(Permission.READ_CASEWORK, lambda s, o, w: list_conflicts(s, o)),
    audit_page: Entry(Permission.READ_AUDIT, lambda s, o, w: audit_page(s, o, AuditQuery(), 0, 10)),
}


def _takes_the_acting_officer(function: Callable[..., Any]) -> bool:
    return any(
        parameter.annotation in (OfficerView, "OfficerView")
        for parameter in inspect.signature(function).parameters.values()
    )


def _public_service_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for info in pkgutil.iter_modules(hoclient.services.__path__):
        module = importlib.import_module(f"hoclient.services.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", function


# A public function that takes an OfficerView yet is not a user's action: a helper below one.
NOT_ENTRY_POINTS = {"hoclient.services.access.require"}


def test_every_service_that_takes_the_acting_officer_is_in_the_role_table() -> None:
    missing = [
        name
        for name, function in _public_service_functions()
        if _takes_the_acting_officer(function)
        and name not in NOT_ENTRY_POINTS
        and function not in ENTRY_POINTS
    ]
    assert missing == [], "add these to ENTRY_POINTS with the permission they need"


@pytest.fixture(scope="module")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("roles") / "store.sqlite"
    store = open_store(path)
    try:
        officer = current_officer(store)
        case = record(store, officer, approach_for(approached_on=APPLIED_ON))
        decide(store, officer, case.case_id, "application", day(0))
        decide(store, officer, case.case_id, "relief_duty_accepted", day(0))
        decide(store, officer, case.case_id, "priority_need_decided", day(1), priority_need=True)
        decide(store, officer, case.case_id, "intentionality_decided", day(1), intentional=False)
        decide(store, officer, case.case_id, "relevant_warning", day(10))
        notice = decide(store, officer, case.case_id, "non_cooperation_notice", day(30))
        other = record(
            store,
            officer,
            approach_for("Mensah", "Ama", date(1979, 8, 9), approached_on=APPLIED_ON),
        )
        conflict_id = uuid.uuid4()
        with store.begin() as session:
            session.info[CAPTURE_OFF] = True  # as if the centre had sent it
            session.add(
                SyncConflict(
                    id=conflict_id,
                    updated_by=officer.id,
                    case_id=case.case_id,
                    table_name="housing_case",
                    row_id=case.case_id,
                    field_name="town",
                    mine_value=json.dumps("York"),
                    mine_by=officer.id,
                    mine_at=utc_now(),
                    theirs_value=json.dumps(None),
                    theirs_by=officer.id,
                    theirs_at=utc_now(),
                )
            )
        world = World(case.case_id, case.reference, other.case_id, notice.decision_id, conflict_id)
    finally:
        store.close()
    return path, world


@pytest.fixture
def world_store(tmp_path: Path, world_template: tuple[Path, World]) -> Iterator[Store]:
    path = tmp_path / "store.sqlite"
    shutil.copyfile(world_template[0], path)
    opened = open_store(path)
    yield opened
    opened.close()


def _everything(store: Store) -> tuple[object, ...]:
    """Every synced row, and how many outbox entries and audit events there are."""
    with store.begin() as session:
        return (
            dump_synced_rows(session.connection()),
            session.scalar(select(func.count()).select_from(SyncOutbox)),
            session.scalar(select(func.count()).select_from(AuditEvent)),
        )


ROLES = list(Role)


@pytest.mark.parametrize("role", ROLES, ids=[role.name.lower() for role in ROLES])
@pytest.mark.parametrize(
    "entry_point", list(ENTRY_POINTS), ids=[function.__name__ for function in ENTRY_POINTS]
)
def test_each_role_is_refused_exactly_what_the_permission_table_withholds(
    world_store: Store,
    world_template: tuple[Path, World],
    entry_point: Callable[..., Any],
    role: Role,
) -> None:
    entry = ENTRY_POINTS[entry_point]
    acting = add_officer(world_store, f"Acting {role.value}", role)
    before = _everything(world_store)
    if may(role, entry.permission):
        entry.call(world_store, acting, world_template[1])  # succeeds: no refusal of any kind
    else:
        with pytest.raises(NotAllowed, match=f"may not {entry.permission.value}"):
            entry.call(world_store, acting, world_template[1])
        assert _everything(world_store) == before
