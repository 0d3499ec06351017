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
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

import hoclient.services
from hoclient.models import AuditEvent, StreetCountDuplicate, SyncConflict, SyncOutbox
from hoclient.models.change_capture import CAPTURE_OFF
from hoclient.models.types import utc_now
from hoclient.security.roles import Permission, may
from hoclient.server.protocol import ChangeResult, PushRequest, PushResponse
from hoclient.services.approaches import record_new_approach
from hoclient.services.assessments import assessment_of, save_assessment
from hoclient.services.audit_trail import AuditQuery, audit_page
from hoclient.services.bundles import export_case_bundle, import_case_bundle
from hoclient.services.case_edits import edit_case
from hoclient.services.case_notes import add_case_note, notes_of
from hoclient.services.caseload import CaseloadQuery, caseload_count, caseload_page
from hoclient.services.cases import case_summary, open_case
from hoclient.services.conflict_edits import keep_value, resolve_with_value
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
from hoclient.services.housing_plans import (
    add_step,
    edit_step,
    plan_of,
    record_agreement,
    record_plan_given,
    set_step_status,
)
from hoclient.services.letters import (
    LetterDraft,
    case_id_for_reference,
    issue_letter,
    issued_letter_pdf,
    letter_preview,
    letters_of,
    letters_offered,
    preview_letter,
)
from hoclient.services.officers import current_officer
from hoclient.services.persons import PersonDetails
from hoclient.services.search import search
from hoclient.services.street_count_entries import (
    area_entries,
    area_tally,
    correct_entry,
    load_draft,
    record_entry,
    save_draft,
)
from hoclient.services.street_count_outreach import refer_to_outreach
from hoclient.services.street_count_setup import (
    add_area,
    add_team,
    assign_volunteer,
    count_setup,
    create_count,
    list_counts,
    my_assignment,
)
from hoclient.services.street_count_sync import sync_count_device
from hoclient.services.street_count_totals import (
    count_totals,
    duplicates,
    export_return_csv,
    settle_duplicate,
)
from hoclient.services.sync_runs import SyncProblem, run_sync, set_sync_interval
from hoclient.services.sync_status import list_conflicts
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store, open_store
from hoclient.sync.bundle import export_bundle
from hoclient.sync.credentials import save_token
from hoclient.sync.dump import dump_synced_rows
from hoclient.sync.settings import DEVICE_ID, write_setting
from hoclient.vocabulary import (
    DuplicateVerdict,
    LetterDelivery,
    OutreachConsent,
    PlanAgreement,
    PlanStepKind,
    PlanStepStatus,
    Relationship,
    Role,
    Sex,
)
from tests.conftest import TODAY
from tests.services.duty_helpers import APPLIED_ON, add_officer, day, decide
from tests.services.helpers import approach_for, record
from tests.services.plan_helpers import a_step, an_assessment
from tests.services.street_count_helpers import seen, set_up_count, snapshot


@dataclass(frozen=True)
class World:
    """What the calls act on, made once and copied for each test."""

    case_id: uuid.UUID
    reference: str
    undecided_case_id: uuid.UUID
    pending_notice_id: uuid.UUID
    conflict_id: uuid.UUID
    plan_version_id: uuid.UUID  # the current version, agreed: a council and an applicant step
    council_step_key: uuid.UUID
    letter_id: uuid.UUID  # issued on case_id
    coordinator: OfficerView  # a senior officer who set up the count
    count_id: uuid.UUID
    area_id: uuid.UUID
    team_id: uuid.UUID
    entry_id: uuid.UUID  # the coordinator's; the person seen agreed to outreach contact
    duplicate_id: uuid.UUID  # a possible duplicate, as the centre raises it
    volunteer_id: uuid.UUID  # on no team yet


Call = Callable[[Store, OfficerView, World], object]


@dataclass(frozen=True)
class Entry:
    permission: Permission
    call: Call


def _acknowledgement(world: World) -> LetterDraft:
    return LetterDraft(world.case_id, "application-acknowledgement")


def _notice() -> DecisionInput:
    return DecisionInput(what="non_cooperation_notice", decided_on=day(30), reasons="Reasons.")


def _on_the_team(store: Store, acting: OfficerView, world: World) -> None:
    """A volunteer records only on their count's team: the coordinator puts them on it, as
    before any count. Officers record without a team."""
    if acting.role is Role.VOLUNTEER:
        assign_volunteer(store, world.coordinator, world.team_id, acting.id)


def _record_own_entry(store: Store, acting: OfficerView, world: World) -> uuid.UUID:
    _on_the_team(store, acting, world)
    return record_entry(store, acting, world.area_id, seen(2)).entry_id


def _with_a_centre_that_has_everything(store: Store, acting: OfficerView) -> str:
    """Sync from the count window with an enrolled device, against a centre that already holds
    every change sent and has nothing new: what the service does, not what the centre does
    (tests/sync covers that)."""
    device_id = uuid.uuid4()
    with store.engine.begin() as connection:
        write_setting(connection, DEVICE_ID, str(device_id))
    save_token(device_id, "device-token")

    def centre(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/push":
            sent = PushRequest.model_validate_json(request.content)
            results = [
                ChangeResult(change_id=c.change_id, outcome="duplicate") for c in sent.changes
            ]
            return httpx.Response(200, json=PushResponse(results=results).model_dump(mode="json"))
        return httpx.Response(200, json={"rows": {}, "cursor": 0, "more": False})

    with httpx.Client(transport=httpx.MockTransport(centre), base_url="http://centre") as client:
        return sync_count_device(store, acting, client=client)


def _import_a_bundle(store: Store, acting: OfficerView, world: World) -> object:
    """The bundle is written without a role (the engine's own export), then imported by the
    acting officer: only the import's permission is in question."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.hocase"
        export_bundle(store, world.reference, path)
        return import_case_bundle(store, acting, path)


def _export_a_bundle(store: Store, acting: OfficerView, world: World) -> object:
    with tempfile.TemporaryDirectory() as folder:
        return export_case_bundle(store, acting, world.reference, Path(folder) / "case.hocase")


def _sync_without_a_centre(store: Store, acting: OfficerView) -> object:
    """Every role may sync: the world is not enrolled, so the sync is refused for that - and
    never for the role."""
    try:
        return run_sync(store, acting)
    except SyncProblem as problem:
        assert "may not" not in str(problem)
        return problem


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
    assessment_of: Entry(Permission.READ_CASEWORK, lambda s, o, w: assessment_of(s, o, w.case_id)),
    save_assessment: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: save_assessment(s, o, w.undecided_case_id, an_assessment(), today=TODAY),
    ),
    plan_of: Entry(Permission.READ_CASEWORK, lambda s, o, w: plan_of(s, o, w.case_id)),
    add_step: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: add_step(
            s,
            o,
            w.case_id,
            a_step(PlanStepKind.ADVISED, "Register with the GP near the new address."),
            today=TODAY,
            based_on=w.plan_version_id,
        ),
    ),
    edit_step: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: edit_step(
            s,
            o,
            w.case_id,
            w.council_step_key,
            a_step(PlanStepKind.COUNCIL, "Refer to two landlords this week.", "Housing officer"),
            today=TODAY,
            based_on=w.plan_version_id,
        ),
    ),
    set_step_status: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: set_step_status(
            s,
            o,
            w.case_id,
            w.council_step_key,
            PlanStepStatus.DONE,
            today=TODAY,
            based_on=w.plan_version_id,
        ),
    ),
    record_agreement: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: record_agreement(
            s,
            o,
            w.case_id,
            PlanAgreement.NOT_AGREED,
            "The applicant wants to stay in the borough only.",
            today=TODAY,
            based_on=w.plan_version_id,
        ),
    ),
    record_plan_given: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: record_plan_given(
            s, o, w.case_id, w.plan_version_id, given_on=TODAY, today=TODAY
        ),
    ),
    case_id_for_reference: Entry(
        Permission.READ_CASEWORK, lambda s, o, w: case_id_for_reference(s, o, w.reference)
    ),
    letters_offered: Entry(
        Permission.READ_CASEWORK, lambda s, o, w: letters_offered(s, o, w.case_id)
    ),
    letter_preview: Entry(
        Permission.READ_CASEWORK,
        lambda s, o, w: letter_preview(s, o, _acknowledgement(w), today=TODAY),
    ),
    preview_letter: Entry(
        Permission.READ_CASEWORK,
        lambda s, o, w: preview_letter(s, o, _acknowledgement(w), today=TODAY),
    ),
    issue_letter: Entry(
        Permission.DECIDE,
        lambda s, o, w: issue_letter(
            s, o, _acknowledgement(w), LetterDelivery.HANDED_OVER, today=TODAY
        ),
    ),
    letters_of: Entry(Permission.READ_CASEWORK, lambda s, o, w: letters_of(s, o, w.case_id)),
    issued_letter_pdf: Entry(
        Permission.READ_CASEWORK, lambda s, o, w: issued_letter_pdf(s, o, w.letter_id)
    ),
    create_count: Entry(
        Permission.COORDINATE_STREET_COUNT,
        lambda s, o, w: create_count(s, o, snapshot(name="Second snapshot")),
    ),
    add_area: Entry(
        Permission.COORDINATE_STREET_COUNT, lambda s, o, w: add_area(s, o, w.count_id, "Docks")
    ),
    add_team: Entry(
        Permission.COORDINATE_STREET_COUNT, lambda s, o, w: add_team(s, o, w.area_id, "Team C")
    ),
    assign_volunteer: Entry(
        Permission.COORDINATE_STREET_COUNT,
        lambda s, o, w: assign_volunteer(s, o, w.team_id, w.volunteer_id),
    ),
    count_setup: Entry(
        Permission.COORDINATE_STREET_COUNT, lambda s, o, w: count_setup(s, o, w.count_id)
    ),
    list_counts: Entry(Permission.RECORD_STREET_COUNT, lambda s, o, w: list_counts(s, o)),
    my_assignment: Entry(Permission.RECORD_STREET_COUNT, lambda s, o, w: my_assignment(s, o)),
    record_entry: Entry(Permission.RECORD_STREET_COUNT, _record_own_entry),
    correct_entry: Entry(
        Permission.RECORD_STREET_COUNT,
        lambda s, o, w: correct_entry(
            s, o, _record_own_entry(s, o, w), seen(2, street="Station Road")
        ),
    ),
    area_entries: Entry(
        Permission.RECORD_STREET_COUNT, lambda s, o, w: area_entries(s, o, w.count_id, w.area_id)
    ),
    area_tally: Entry(
        Permission.RECORD_STREET_COUNT, lambda s, o, w: area_tally(s, o, w.count_id, w.area_id)
    ),
    save_draft: Entry(
        Permission.RECORD_STREET_COUNT, lambda s, o, w: save_draft(s, o, {"street": "High St"})
    ),
    load_draft: Entry(Permission.RECORD_STREET_COUNT, lambda s, o, w: load_draft(s, o)),
    refer_to_outreach: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: refer_to_outreach(
            s, o, w.entry_id, PersonDetails("Achterberg", "Wilhelmina"), today=TODAY
        ),
    ),
    count_totals: Entry(
        Permission.COORDINATE_STREET_COUNT, lambda s, o, w: count_totals(s, o, w.count_id)
    ),
    duplicates: Entry(
        Permission.COORDINATE_STREET_COUNT, lambda s, o, w: duplicates(s, o, w.count_id)
    ),
    settle_duplicate: Entry(
        Permission.COORDINATE_STREET_COUNT,
        lambda s, o, w: settle_duplicate(s, o, w.duplicate_id, DuplicateVerdict.SAME_PERSON),
    ),
    export_return_csv: Entry(
        Permission.COORDINATE_STREET_COUNT,
        lambda s, o, w: export_return_csv(s, o, w.count_id, s.path.with_name("return.csv")),
    ),
    sync_count_device: Entry(
        Permission.SYNC, lambda s, o, w: _with_a_centre_that_has_everything(s, o)
    ),
    export_case_bundle: Entry(Permission.READ_CASEWORK, _export_a_bundle),
    import_case_bundle: Entry(Permission.WRITE_CASEWORK, _import_a_bundle),
    keep_value: Entry(
        Permission.WRITE_CASEWORK, lambda s, o, w: keep_value(s, o, w.conflict_id, "theirs")
    ),
    resolve_with_value: Entry(
        Permission.WRITE_CASEWORK,
        lambda s, o, w: resolve_with_value(s, o, w.conflict_id, "Leeds", today=TODAY),
    ),
    run_sync: Entry(Permission.SYNC, lambda s, o, w: _sync_without_a_centre(s, o)),
    set_sync_interval: Entry(Permission.SYNC, lambda s, o, w: set_sync_interval(s, o, 15)),
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
NOT_ENTRY_POINTS = {
    "hoclient.services.access.require",
    # Inside edit_case's transaction, after its role check.
    "hoclient.services.case_edits.edit_case_in",
    "hoclient.services.case_edits.edit_person_in",
    # Unlocking the idle lock: the signed-in officer's own password, whatever the role.
    "hoclient.services.sign_in.confirm_password",
}


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
        save_assessment(store, officer, case.case_id, an_assessment(), today=TODAY)
        first = add_step(
            store,
            officer,
            case.case_id,
            a_step(PlanStepKind.COUNCIL, "Refer to landlords.", "Housing officer"),
            today=TODAY,
            based_on=None,
        )
        second = add_step(
            store,
            officer,
            case.case_id,
            a_step(PlanStepKind.APPLICANT_REQUIRED, "View the flats offered."),
            today=TODAY,
            based_on=first.version_id,
        )
        agreed = record_agreement(
            store,
            officer,
            case.case_id,
            PlanAgreement.AGREED,
            today=TODAY,
            based_on=second.version_id,
        )
        letter = issue_letter(
            store,
            officer,
            LetterDraft(case.case_id, "application-acknowledgement"),
            LetterDelivery.POSTED,
            today=TODAY,
        )
        coordinator = add_officer(store, "Count Coordinator", Role.SENIOR)
        count = set_up_count(store, coordinator)
        area = count.areas[0].area_id
        agreed_contact = record_entry(store, coordinator, area, seen(consent=OutreachConsent.YES))
        other_seen = record_entry(store, coordinator, area, seen(1, 5))
        duplicate_id = uuid.uuid4()
        with store.begin() as session:
            session.info[CAPTURE_OFF] = True  # raised at the centre and sent down
            session.add(
                StreetCountDuplicate(
                    id=duplicate_id,
                    updated_by=coordinator.id,
                    street_count_id=count.count.count_id,
                    sighting_id=other_seen.sighting_id,
                    other_sighting_id=agreed_contact.sighting_id,
                    entry_id=other_seen.entry_id,
                    other_entry_id=agreed_contact.entry_id,
                    reason="Same doorway, five minutes apart.",
                )
            )
        volunteer = add_officer(store, "Volunteer Two", Role.VOLUNTEER)
        world = World(
            case.case_id,
            case.reference,
            other.case_id,
            notice.decision_id,
            conflict_id,
            plan_version_id=agreed.version_id,
            council_step_key=first.steps[0].step_key,
            letter_id=letter.letter_id,
            coordinator=coordinator,
            count_id=count.count.count_id,
            area_id=area,
            team_id=count.teams[0].team_id,
            entry_id=agreed_contact.entry_id,
            duplicate_id=duplicate_id,
            volunteer_id=volunteer.id,
        )
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
