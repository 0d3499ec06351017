"""The Audit page: a senior officer finds who opened or changed a person's case."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from hoclient.services.audit_trail import AuditQuery, audit_page
from hoclient.services.case_notes import add_case_note
from hoclient.services.cases import open_case
from hoclient.services.officers import set_current_officer
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.audit_page import AuditModel
from hoclient.vocabulary import Role
from tests.services.duty_helpers import add_officer
from tests.ui.conftest import OpenApp
from tests.ui.helpers import record_case


def shown(model: AuditModel, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def as_senior(store: Store) -> OfficerView:
    senior = add_officer(store, "Sam Senior", Role.SENIOR)
    with store.begin() as session:
        set_current_officer(session, senior.id)
    return senior


def test_a_senior_filters_the_trail_by_person_case_and_officer_from_the_keyboard(
    qtbot: QtBot, open_app: OpenApp, store: Store, officer: OfficerView
) -> None:
    grace = record_case(store, officer)
    kofi = record_case(store, officer, "Mensah", "Kofi", born_on=None)
    add_case_note(store, officer, grace.case_id, "Phoned the landlord.")
    senior = as_senior(store)
    open_case(store, senior, kofi.case_id)
    window = open_app(store)

    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    page = window.audit_page
    assert page is not None and window.current_place() == "Audit"
    assert QApplication.focusWidget() is page.person_box
    model = page.model
    assert shown(model, 2)[0] == "opened case", "newest first"
    assert shown(model, 1)[0] == "Sam Senior"

    qtbot.keyClicks(page.person_box, "okafor")
    qtbot.waitUntil(lambda: model.query.person_name == "okafor")
    assert "created case note" in shown(model, 2)
    assert kofi.reference not in shown(model, 3)
    assert set(shown(model, 3)) <= {grace.reference, ""}

    page.person_box.clear()
    qtbot.keyClicks(page.case_box, kofi.reference[:9])
    qtbot.waitUntil(lambda: model.query.case_reference == kofi.reference[:9])
    assert set(shown(model, 3)) == {kofi.reference}

    page.case_box.clear()
    page.officer.setCurrentIndex(page.officer.findText("Sam Senior"))
    qtbot.waitUntil(lambda: model.query.officer_id == senior.id)
    assert [row for row in shown(model, 2) if row == "opened case"] == ["opened case"]
    assert set(shown(model, 1)) == {"Sam Senior"}

    # Down from a filter to the events; Enter opens the case an event is about.
    qtbot.keyClick(page.case_box, Qt.Key.Key_Down)
    assert page.view.hasFocus()
    row = next(n for n, text in enumerate(shown(model, 3)) if text == kofi.reference)
    page.view.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kofi.case_id in window.case_windows)
    window.grab().save("/tmp/secroles-audit.png")


def test_the_audit_model_passes_qts_model_tester(
    qtmodeltester: ModelTester, store: Store, officer: OfficerView
) -> None:
    case = record_case(store, officer)
    for _ in range(3):
        open_case(store, officer, case.case_id)
    senior = add_officer(store, "Sam Senior", Role.SENIOR)
    model = AuditModel(lambda query, offset, limit: audit_page(store, senior, query, offset, limit))
    model.PAGE_SIZE = 2  # pages of two, so the tester fetches more than once
    model.reload()
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    every = audit_page(store, senior, AuditQuery(), 0, 100)
    assert [row.event_id for row in model.rows()] == [row.event_id for row in every]


def test_an_administrator_opens_on_the_audit_and_sees_no_casework(
    qtbot: QtBot, open_app: OpenApp, store: Store, officer: OfficerView
) -> None:
    record_case(store, officer)
    admin = add_officer(store, "Ada Admin", Role.ADMIN)
    with store.begin() as session:
        set_current_officer(session, admin.id)
    window = open_app(store)
    assert window.current_place() == "Audit"
    assert window.caseload_page.model.rowCount() == 0
    caseload = window.navigation.item(0)
    assert not caseload.flags() & Qt.ItemFlag.ItemIsEnabled
    assert caseload.toolTip() == "Your role does not include this."
    assert window.audit_page is not None and window.audit_page.model.rowCount() > 0
