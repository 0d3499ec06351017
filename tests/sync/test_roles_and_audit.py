"""The centre holds roles too (DESIGN.md, Security), and the audit trail reaches it.

A laptop's own services refuse what its officer's role does not allow; the centre refuses it
again for a device that sends it anyway (an old or altered copy of the app). Audit events are
pushed by every role and never pulled: the centre keeps every laptop's trail, each laptop only
its own.
"""

import json
import uuid

from sqlalchemy import select

from hoclient.models import AuditEvent, DecisionAuthorisation, SyncOutbox
from hoclient.models.change_capture import act_as
from hoclient.security.audit import SIGNED_IN, record_audit
from hoclient.server.central import Central
from hoclient.server.protocol import Change
from hoclient.services.assessments import save_assessment
from hoclient.services.cases import open_case
from hoclient.services.decisions import authorise_decision
from hoclient.services.housing_plans import add_step, record_agreement, record_plan_given
from hoclient.services.letters import LetterDraft, issue_letter
from hoclient.services.street_count_entries import record_entry
from hoclient.sync.engine import device_token
from hoclient.vocabulary import LetterDelivery, PlanAgreement, PlanStepKind, Role
from tests.conftest import TODAY
from tests.services.duty_helpers import APPLIED_ON
from tests.services.helpers import approach_for, record
from tests.services.plan_helpers import a_step, an_assessment
from tests.services.street_count_helpers import put_on_team, seen, set_up_count
from tests.services.test_decisions import warned_and_noticed
from tests.sync.conftest import Laptop, Laptops
from tests.sync.test_push_retries import push
from tests.sync.test_sync import central_dump
from tests.sync.test_sync import dump as local_dump


def centre_rows(
    central: Central, model: type[AuditEvent | DecisionAuthorisation]
) -> list[dict[str, object]]:
    table = model.__table__
    with central.read() as connection:
        return [dict(row._mapping) for row in connection.execute(select(table))]


def local_audit(laptop: Laptop) -> list[AuditEvent]:
    with laptop.store.begin() as session:
        return list(session.scalars(select(AuditEvent)))


def test_a_volunteers_device_pushing_a_person_or_a_case_is_refused(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    laptops.officer("val", role=Role.VOLUNTEER)
    grace, val = laptops.enrolled("grace"), laptops.enrolled("val")
    record(grace.store, grace.officer, approach_for())
    with grace.store.begin() as session:
        made = [
            entry
            for entry in session.scalars(select(SyncOutbox).order_by(SyncOutbox.position))
            if entry.table_name in ("person", "housing_case")
        ]
    changes = [
        Change(
            change_id=uuid.uuid4(),
            table=entry.table_name,
            row_id=entry.row_id,
            operation="insert",
            fields=json.loads(entry.fields),
            base_version=None,
            changed_by=entry.changed_by,
            changed_at=entry.changed_at,
        )
        for entry in made
    ]
    results = push(laptops, device_token(val.store.engine), *changes)
    assert [result["outcome"] for result in results] == ["refused", "refused"]
    for result in results:
        assert "signed in as volunteer may not change casework" in str(result["reason"])
    assert central_dump(central)["person"] == central_dump(central)["housing_case"] == []


def test_an_officers_device_pushing_an_authorisation_is_refused_and_a_seniors_is_applied(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    laptops.officer("sam", role=Role.SENIOR)
    grace, sam = laptops.enrolled("grace"), laptops.enrolled("sam")
    case = record(grace.store, grace.officer, approach_for(approached_on=APPLIED_ON))
    notice_id = warned_and_noticed(grace.store, grace.officer, case.case_id)
    # An altered laptop writes the second officer's row itself, past the service's refusal.
    with grace.store.begin() as session:
        act_as(session, grace.officer.id)
        session.add(
            DecisionAuthorisation(
                case_id=case.case_id, decision_id=notice_id, authorised_by=grace.officer.id
            )
        )
    report = grace.sync()
    [refusal] = report.refused
    assert "officer may not authorise as a second officer (decision_authorisation rows)" in refusal
    assert centre_rows(central, DecisionAuthorisation) == []

    sam.sync()
    authorise_decision(sam.store, sam.officer, notice_id)
    assert not sam.sync().refused
    [authorised] = centre_rows(central, DecisionAuthorisation)
    assert authorised["authorised_by"] == sam.officer.id


def test_audit_events_reach_the_centre_and_no_other_laptop(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    laptops.officer("kofi")
    grace, kofi = laptops.enrolled("grace"), laptops.enrolled("kofi")
    kofi_before = {event.id for event in local_audit(kofi)}
    case = record(grace.store, grace.officer, approach_for())
    open_case(grace.store, grace.officer, case.case_id)
    made_on_grace = {event.id for event in local_audit(grace)}

    report = grace.sync()
    assert not report.refused
    at_centre = centre_rows(central, AuditEvent)
    assert made_on_grace <= {row["id"] for row in at_centre}
    [opened] = [row for row in at_centre if row["action"] == "opened case"]
    assert (opened["officer_id"], opened["case_id"]) == (grace.officer.id, case.case_id)

    kofi.sync()  # the case arrives whole; grace's trail does not
    assert {event.id for event in local_audit(kofi)} == kofi_before
    grace.sync()
    assert {event.id for event in local_audit(grace)} == made_on_grace


def test_a_volunteers_own_audit_events_are_taken(laptops: Laptops, central: Central) -> None:
    laptops.officer("val", role=Role.VOLUNTEER)
    val = laptops.enrolled("val")
    with val.store.begin() as session:
        record_audit(session, val.officer.id, SIGNED_IN)
    assert not val.sync().refused
    assert [row["action"] for row in centre_rows(central, AuditEvent)] == [SIGNED_IN]


def test_a_volunteers_device_receives_no_casework(laptops: Laptops) -> None:
    laptops.officer("grace")
    laptops.officer("val", role=Role.VOLUNTEER)
    grace, val = laptops.enrolled("grace"), laptops.enrolled("val")
    record(grace.store, grace.officer, approach_for())
    grace.sync()
    val.sync()
    rows = local_dump(val)
    assert rows["housing_case"] == rows["person"] == rows["household_member"] == []


def outbox_changes(laptop: Laptop, *tables: str) -> list[Change]:
    """The laptop's unsent changes to these tables, as a device would push them."""
    with laptop.store.begin() as session:
        return [
            Change(
                change_id=uuid.uuid4(),
                table=entry.table_name,
                row_id=entry.row_id,
                operation=entry.operation,  # type: ignore[arg-type]
                fields=json.loads(entry.fields),
                base_version=entry.base_version,
                changed_by=entry.changed_by,
                changed_at=entry.changed_at,
            )
            for entry in session.scalars(select(SyncOutbox).order_by(SyncOutbox.position))
            if entry.table_name in tables
        ]


def test_an_officers_assessment_plan_and_letter_are_applied_and_a_volunteers_letter_refused(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("grace")
    laptops.officer("val", role=Role.VOLUNTEER)
    grace, val = laptops.enrolled("grace"), laptops.enrolled("val")
    case = record(grace.store, grace.officer, approach_for())
    save_assessment(grace.store, grace.officer, case.case_id, an_assessment(), today=TODAY)
    first = add_step(
        grace.store,
        grace.officer,
        case.case_id,
        a_step(PlanStepKind.COUNCIL, "Refer to two landlords.", "Housing officer"),
        today=TODAY,
        based_on=None,
    )
    agreed = record_agreement(
        grace.store,
        grace.officer,
        case.case_id,
        PlanAgreement.AGREED,
        today=TODAY,
        based_on=first.version_id,
    )
    record_plan_given(
        grace.store, grace.officer, case.case_id, agreed.version_id, given_on=TODAY, today=TODAY
    )
    issue_letter(
        grace.store,
        grace.officer,
        LetterDraft(case.case_id, "application-acknowledgement"),
        LetterDelivery.POSTED,
        today=TODAY,
    )
    # An altered volunteer's laptop sends the letter as if it had issued it.
    [letter] = outbox_changes(grace, "issued_letter")
    [result] = push(laptops, device_token(val.store.engine), letter)
    assert result["outcome"] == "refused"
    assert "signed in as volunteer may not record decisions (issued_letter rows)" in str(
        result["reason"]
    )
    assert central_dump(central)["issued_letter"] == []

    assert not grace.sync().refused
    at_centre = central_dump(central)
    casework = (
        "assessment",
        "housing_plan_version",
        "housing_plan_step",
        "housing_plan_notification",
        "issued_letter",
    )
    assert {table: len(at_centre[table]) for table in casework} == {
        "assessment": 1,
        "housing_plan_version": 2,
        "housing_plan_step": 2,
        "housing_plan_notification": 1,
        "issued_letter": 1,
    }


def test_a_volunteers_entry_is_applied_and_an_administrators_refused(
    laptops: Laptops, central: Central
) -> None:
    laptops.officer("sam", role=Role.SENIOR)
    laptops.officer("vic", role=Role.VOLUNTEER)
    laptops.officer("ada", role=Role.ADMIN)
    sam, vic, ada = laptops.enrolled("sam"), laptops.enrolled("vic"), laptops.enrolled("ada")
    count = set_up_count(sam.store, sam.officer)
    put_on_team(sam.store, sam.officer, count.teams[0], vic.officer)
    assert not sam.sync().refused
    vic.sync()
    record_entry(vic.store, vic.officer, count.areas[0].area_id, seen())
    # The administrator runs the system and records no counts, even from an altered laptop.
    [entry] = outbox_changes(vic, "street_count_entry")
    [result] = push(laptops, device_token(ada.store.engine), entry)
    assert result["outcome"] == "refused"
    assert "may not record street count entries" in str(result["reason"])
    assert central_dump(central)["street_count_entry"] == []

    assert not vic.sync().refused
    [applied] = central_dump(central)["street_count_entry"]
    assert applied["author_id"] == str(vic.officer.id)
