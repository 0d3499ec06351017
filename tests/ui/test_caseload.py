"""My caseload: a real model paged from the database, sorted and filtered there."""

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from hoclient.models import HousingCase, Officer
from hoclient.services.caseload import CaseloadQuery, CaseloadScope, caseload_page
from hoclient.services.views import CaseRow, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.caseload_model import APPLICANT_COLUMN, CaseloadModel
from hoclient.ui.main_window import MainWindow
from hoclient.vocabulary import CaseStatus, Role
from tests.ui.conftest import OpenApp
from tests.ui.helpers import record_case

PEOPLE = [("Okafor", "Grace"), ("Nowak", "Piotr"), ("Adeyemi", "Tunde"), ("Byrne", "Siobhan")]


def _fill(store: Store, officer: OfficerView) -> None:
    for day, (family, given) in enumerate(PEOPLE, start=1):
        record_case(
            store, officer, family, given, approached_on=date(2026, 10, day), postcode=f"M{day} 1AE"
        )


def _applicants(window: MainWindow) -> list[str]:
    model = window.caseload_page.model
    return [model.data(model.index(row, APPLICANT_COLUMN)) for row in range(model.rowCount())]


@pytest.fixture
def filled_window(open_app: OpenApp, store: Store, officer: OfficerView) -> MainWindow:
    _fill(store, officer)
    return open_app(store)


def test_the_caseload_model_passes_qts_model_tester(
    qtmodeltester: ModelTester, store: Store, officer: OfficerView, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(7):
        record_case(store, officer, f"Family{'abcdefg'[number]}", "Alex", born_on=None)
    monkeypatch.setattr(CaseloadModel, "PAGE_SIZE", 3)  # so the tester's fetchMore pages

    def load(query: CaseloadQuery, offset: int, limit: int) -> list[CaseRow]:
        return caseload_page(store, officer, query, offset, limit)

    model = CaseloadModel(load, CaseloadQuery())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 7, "every case once: no page loaded twice"
    assert model.data(model.index(0, 2)) == "Not known"


def test_rows_arrive_a_page_at_a_time_as_the_view_asks(
    store: Store, officer: OfficerView, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(5):
        record_case(store, officer, "Okafor", f"Child{'abcde'[number]}")
    monkeypatch.setattr(CaseloadModel, "PAGE_SIZE", 2)
    pages: list[int] = []

    def load(query: CaseloadQuery, offset: int, limit: int) -> list[CaseRow]:
        pages.append(offset)
        return caseload_page(store, officer, query, offset, limit)

    model = CaseloadModel(load, CaseloadQuery())
    model.reload()
    assert model.rowCount() == 2
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 5 and pages == [0, 2, 4]


def test_cells_read_as_an_officer_writes_them(filled_window: MainWindow) -> None:
    model = filled_window.caseload_page.model
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(8)]
    assert headers == [
        "Reference",
        "Applicant",
        "Date of birth",
        "Postcode",
        "Approached",
        "Household",
        "Status",
        "Officer",
    ]
    newest = [model.data(model.index(0, column)) for column in range(1, 8)]
    assert newest == [
        "BYRNE, Siobhan",
        "02 Mar 1990",
        "M4 1AE",
        "04 Oct 2026",
        "1",
        "Open",
        filled_window.context.officer.display_name,
    ]


def test_clicking_the_applicant_header_sorts_every_case_by_name(
    qtbot: QtBot, filled_window: MainWindow
) -> None:
    assert _applicants(filled_window)[0] == "BYRNE, Siobhan", "newest approach first"
    view = filled_window.caseload_view
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(APPLICANT_COLUMN) + header.sectionSize(APPLICANT_COLUMN) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    by_name = ["ADEYEMI, Tunde", "BYRNE, Siobhan", "NOWAK, Piotr", "OKAFOR, Grace"]
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _applicants(filled_window) == (by_name[::-1] if descending else by_name)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert _applicants(filled_window) == (by_name if descending else by_name[::-1])


def test_typing_in_the_filter_narrows_the_rows_and_the_count(
    qtbot: QtBot, filled_window: MainWindow
) -> None:
    page = filled_window.caseload_page
    qtbot.waitUntil(lambda: page.count_label.text() == "4 cases")
    qtbot.keyClicks(page.filter_box, "now")
    qtbot.waitUntil(lambda: _applicants(filled_window) == ["NOWAK, Piotr"])
    qtbot.waitUntil(lambda: page.count_label.text() == "1 case")
    page.filter_box.clear()
    qtbot.keyClicks(page.filter_box, "M3")  # a postcode
    qtbot.waitUntil(lambda: _applicants(filled_window) == ["ADEYEMI, Tunde"])
    page.filter_box.clear()
    qtbot.keyClicks(page.filter_box, "zzz")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.empty_hint.isVisible() and "No cases match" in page.empty_hint.text()


def test_the_scope_list_shows_my_team_and_all_cases_on_this_laptop(
    qtbot: QtBot, open_app: OpenApp, store: Store, officer: OfficerView
) -> None:
    _fill(store, officer)
    with store.begin() as session:
        colleague = Officer(
            display_name="Sam Colleague", role=Role.OFFICER, team_id=officer.team_id
        )
        elsewhere = Officer(display_name="Pat Elsewhere", role=Role.OFFICER, team_id=None)
        session.add_all([colleague, elsewhere])
        session.flush()
        for day, person in ((1, colleague), (2, elsewhere)):
            session.execute(
                update(HousingCase)
                .values(assigned_officer_id=person.id, team_id=person.team_id)
                .where(HousingCase.approached_on == date(2026, 10, day))
            )
    window = open_app(store)
    page = window.caseload_page
    assert sorted(_applicants(window)) == ["ADEYEMI, Tunde", "BYRNE, Siobhan"]
    page.scope.setCurrentIndex(page.scope.findData(CaseloadScope.TEAM))
    assert sorted(_applicants(window)) == ["ADEYEMI, Tunde", "BYRNE, Siobhan", "OKAFOR, Grace"]
    page.scope.setCurrentIndex(page.scope.findData(CaseloadScope.ALL))
    assert len(_applicants(window)) == 4
    qtbot.waitUntil(lambda: page.count_label.text() == "4 cases")


def test_the_status_list_shows_closed_cases_or_every_case(
    qtbot: QtBot, open_app: OpenApp, store: Store, officer: OfficerView
) -> None:
    _fill(store, officer)
    with store.begin() as session:
        session.execute(
            update(HousingCase)
            .values(status=CaseStatus.CLOSED)
            .where(HousingCase.approached_on == date(2026, 10, 1))
        )
    window = open_app(store)
    page = window.caseload_page
    assert "OKAFOR, Grace" not in _applicants(window)
    page.status.setCurrentIndex(page.status.findData(CaseStatus.CLOSED))
    assert _applicants(window) == ["OKAFOR, Grace"]
    page.status.setCurrentIndex(page.status.findText("Open and closed"))
    assert len(_applicants(window)) == 4


def test_enter_on_a_row_opens_its_case_and_a_second_enter_finds_the_same_window(
    qtbot: QtBot, filled_window: MainWindow
) -> None:
    view = filled_window.caseload_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert len(filled_window.case_windows) == 1
    (window,) = filled_window.case_windows.values()
    assert window.case_view.applicant_name == "ADEYEMI, Tunde"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert list(filled_window.case_windows.values()) == [window]


def test_double_clicking_a_row_opens_its_case(qtbot: QtBot, filled_window: MainWindow) -> None:
    view = filled_window.caseload_view
    cell = view.visualRect(view.model().index(2, 1)).center()
    # A real double-click is a click, then a second press that Qt reports as a double-click.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    (window,) = filled_window.case_windows.values()
    assert window.case_view.applicant_name == "NOWAK, Piotr"


def test_down_from_the_filter_moves_to_the_rows(qtbot: QtBot, filled_window: MainWindow) -> None:
    page = filled_window.caseload_page
    page.focus_filter()
    qtbot.keyClick(page.filter_box, Qt.Key.Key_Down)
    assert page.view.hasFocus() and page.view.currentIndex().row() == 0
