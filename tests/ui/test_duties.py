"""The Duties tab and the Deadlines view, as an officer uses them: decide, see the clock,
be refused by the law in its own words, have a senior officer authorise a s193B notice.

The case is approached on 2 November 2026; the app's today is 25 November 2026.
"""

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from hoclient.casework.case_events import NoticeKind
from hoclient.casework.case_history import DeadlineKind
from hoclient.casework.duties import Duty
from hoclient.services.deadlines import deadlines
from hoclient.services.decisions import duty_view
from hoclient.services.officers import set_current_officer
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.case_window import CaseWindow
from hoclient.ui.deadlines_page import DeadlinesModel
from hoclient.ui.decision_form import DecisionForm
from hoclient.ui.duties_tab import AWAITING, DutiesTab
from hoclient.ui.main_window import MainWindow
from hoclient.vocabulary import Role
from tests.conftest import TODAY
from tests.services.duty_helpers import add_officer, decide, rows_of
from tests.ui.conftest import OpenApp
from tests.ui.helpers import click, record_case

APPROACHED_ON = date(2026, 11, 2)


@pytest.fixture
def case(store: Store, officer: OfficerView) -> CaseView:
    return record_case(store, officer, approached_on=APPROACHED_ON)


def open_duties(qtbot: QtBot, window: MainWindow, case_id: uuid.UUID) -> CaseWindow:
    opened = window.open_case_duties(case_id)
    assert opened is not None
    assert opened.tabs.currentWidget() is opened.duties_tab
    qtbot.waitUntil(opened.isActiveWindow)
    return opened


def open_form(qtbot: QtBot, tab: DutiesTab, what: str) -> DecisionForm:
    assert what in tab.action_buttons, f"{what} is not offered: {list(tab.action_buttons)}"
    click(qtbot, tab.action_buttons[what])
    form = tab.decision_form
    assert form is not None
    qtbot.waitUntil(form.isVisible)
    return form


def choose(form: DecisionForm, text: str) -> None:
    assert form.choice is not None
    index = form.choice.findText(text)
    assert index >= 0, [form.choice.itemText(i) for i in range(form.choice.count())]
    form.choice.setCurrentIndex(index)


def save(qtbot: QtBot, form: DecisionForm) -> None:
    with qtbot.waitSignal(form.saved, timeout=5000):
        click(qtbot, form.save_button)


def type_date(qtbot: QtBot, field: object, text: str) -> None:
    field.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)


def clocks_shown(tab: DutiesTab) -> list[list[str]]:
    model = tab.clocks_model
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_an_officer_accepts_prevention_ends_it_on_homelessness_accepts_relief_and_finds_the_clock_in_deadlines(  # noqa: E501
    qtbot: QtBot, main_window: MainWindow, store: Store, case: CaseView
) -> None:
    window = open_duties(qtbot, main_window, case.case_id)
    tab = window.duties_tab
    assert tab.duty_label.text().startswith("No duty decided yet")
    assert list(tab.action_buttons) == ["application"], "only the application, at first"

    form = open_form(qtbot, tab, "application")
    type_date(qtbot, form.decided_on, "02/11/2026")
    save(qtbot, form)
    qtbot.waitUntil(lambda: "prevention_duty_accepted" in tab.action_buttons)

    form = open_form(qtbot, tab, "prevention_duty_accepted")
    type_date(qtbot, form.decided_on, "03/11/2026")
    save(qtbot, form)
    qtbot.waitUntil(lambda: tab.duty_label.text().startswith("Prevention duty, since 03 Nov 2026"))
    # 56 days beginning with 3 November: the last day is 28 December, 33 days on.
    assert clocks_shown(tab) == [
        ["Prevention: day 56", "28 Dec 2026", "33 days left", "HA 1996 s195(8)(b)"]
    ]

    form = open_form(qtbot, tab, "prevention_duty_ended")
    choose(form, "Became homeless")
    assert form.reasons_label.text() == "&Reasons", "becoming homeless is not held against them"
    type_date(qtbot, form.decided_on, "20/11/2026")
    save(qtbot, form)
    qtbot.waitUntil(lambda: "relief_duty_accepted" in tab.action_buttons)
    assert clocks_shown(tab) == [], "prevention's clock has gone"

    form = open_form(qtbot, tab, "relief_duty_accepted")
    type_date(qtbot, form.decided_on, "20/11/2026")
    save(qtbot, form)
    qtbot.waitUntil(lambda: tab.duty_label.text().startswith("Relief duty, since 20 Nov 2026"))
    assert clocks_shown(tab) == [
        ["Relief: day 56", "14 Jan 2027", "50 days left", "HA 1996 s189B(4)"]
    ]
    timeline = tab.timeline_model
    assert [timeline.data(timeline.index(row, 1)) for row in range(timeline.rowCount())] == [
        "Application",
        "Prevention duty accepted",
        "Prevention duty ended: became homeless",
        "Relief duty accepted",
    ]

    # Ctrl+2: Deadlines, where the case's relief clock is listed; Enter opens its Duties tab.
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.case_windows == {})
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_place() == "Deadlines"
    page = main_window.deadlines_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    row = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert row[0] == case.reference
    assert row[2:5] == ["Relief: day 56", "14 Jan 2027", "50 days left"]
    assert main_window.deadlines_view.hasFocus()
    qtbot.keyClick(main_window.deadlines_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: case.case_id in main_window.case_windows)
    reopened = main_window.case_windows[case.case_id]
    assert reopened.tabs.currentWidget() is reopened.duties_tab


def test_a_decision_the_act_does_not_allow_is_refused_in_the_engines_words_and_nothing_is_saved(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView, case: CaseView
) -> None:
    decide(store, officer, case.case_id, "application", APPROACHED_ON)
    decide(store, officer, case.case_id, "prevention_duty_accepted", date(2026, 11, 10))
    tab = open_duties(qtbot, main_window, case.case_id).duties_tab
    before = rows_of(store)

    # Ending prevention is lawful today; dated before the duty was accepted, it is not.
    form = open_form(qtbot, tab, "prevention_duty_ended")
    choose(form, "Became homeless")
    type_date(qtbot, form.decided_on, "05/11/2026")
    with qtbot.assertNotEmitted(form.saved, wait=300):
        click(qtbot, form.save_button)
        qtbot.waitUntil(form.refusal.isVisible)
    assert form.refusal.text() == (
        'Not saved. "Prevention duty ended" is allowed only while the duty is prevention; '
        "no duty has been decided yet."
    )
    assert form.isVisible(), "the form stays open for the officer to correct"
    assert rows_of(store) == before


def test_the_form_checks_as_the_officer_types_and_asks_for_reasons_against_the_applicant(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView, case: CaseView
) -> None:
    decide(store, officer, case.case_id, "application", APPROACHED_ON)
    tab = open_duties(qtbot, main_window, case.case_id).duties_tab
    before = rows_of(store)
    form = open_form(qtbot, tab, "not_eligible")
    assert form.reasons_label.text() == "&Reasons (required)"
    type_date(qtbot, form.decided_on, "26/11/2026")
    assert form.messages.shown()["decided_on"] == "A decision cannot be dated after today."
    type_date(qtbot, form.decided_on, "31/02/2026")
    assert form.messages.shown()["decided_on"].startswith("Enter the date as day/month/year")
    type_date(qtbot, form.decided_on, "24/11/2026")
    with qtbot.assertNotEmitted(form.saved, wait=200):
        click(qtbot, form.save_button)
    assert form.messages.shown() == {
        "reasons": "Give the reasons for this decision: a decision against the applicant "
        "must say why."
    }
    assert rows_of(store) == before
    qtbot.keyClicks(form.reasons, "Subject to immigration control.")
    assert form.messages.shown() == {}
    save(qtbot, form)
    qtbot.waitUntil(lambda: tab.duty_label.text().startswith("No duty owed"))
    assert [c.kind for c in duty_view(store, officer, case.case_id, as_of=TODAY).clocks] == [
        DeadlineKind.REVIEW_REQUEST_BY
    ]
    assert clocks_shown(tab)[0][0] == "Review request: last day"


def _warned(store: Store, officer: OfficerView, case_id: uuid.UUID) -> None:
    decide(store, officer, case_id, "application", APPROACHED_ON)
    decide(store, officer, case_id, "relief_duty_accepted", APPROACHED_ON)
    decide(store, officer, case_id, "priority_need_decided", date(2026, 11, 3), priority_need=True)
    decide(store, officer, case_id, "intentionality_decided", date(2026, 11, 3), intentional=False)
    decide(store, officer, case_id, "relevant_warning", date(2026, 11, 5))


def test_a_s193b_notice_waits_for_a_different_senior_officer_to_authorise_it(
    qtbot: QtBot, open_app: OpenApp, store: Store, officer: OfficerView, case: CaseView
) -> None:
    _warned(store, officer, case.case_id)
    window = open_app(store)
    tab = open_duties(qtbot, window, case.case_id).duties_tab

    form = open_form(qtbot, tab, "non_cooperation_notice")
    assert form.second_officer_note.isVisible()
    qtbot.keyClicks(form.reasons, "Did not attend three agreed appointments.")
    type_date(qtbot, form.decided_on, "24/11/2026")
    save(qtbot, form)
    qtbot.waitUntil(lambda: len(tab.authorise_buttons) == 1)
    assert tab.duty_label.text().startswith("Relief duty"), "nothing changes until authorised"
    assert "non_cooperation_notice" not in tab.action_buttons
    timeline = tab.timeline_model
    assert timeline.data(timeline.index(timeline.rowCount() - 1, 5)) == AWAITING

    # The officer who gave the notice (an officer, not a senior) cannot authorise it: the
    # service says why.
    before = rows_of(store)
    (button,) = tab.authorise_buttons.values()
    click(qtbot, button)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert "may not authorise as a second officer" in box.text()
    box.accept()
    assert rows_of(store) == before
    window.close()

    # A senior officer on this laptop opens the app and authorises it.
    senior = add_officer(store, "Sam Senior", Role.SENIOR)
    with store.begin() as session:
        set_current_officer(session, senior.id)
    second = open_app(store)
    assert second.context.officer.display_name == "Sam Senior"
    tab = open_duties(qtbot, second, case.case_id).duties_tab
    (button,) = tab.authorise_buttons.values()
    with qtbot.waitSignal(tab.decision_saved, timeout=5000):
        click(qtbot, button)
    qtbot.waitUntil(lambda: tab.authorise_buttons == {})
    assert tab.duty_label.text().startswith("Duty after non-cooperation: s193C(4), since 24 Nov")
    model = tab.timeline_model
    assert model.data(model.index(model.rowCount() - 1, 5)) == "Authorised by Sam Senior"
    assert duty_view(store, officer, case.case_id, as_of=TODAY).duty is Duty.S193C


def test_the_deadlines_model_passes_qts_model_tester(
    qtmodeltester: ModelTester, store: Store, officer: OfficerView
) -> None:
    for family in ("Adeyemi", "Brennan", "Chowdhury"):
        case = record_case(store, officer, family, approached_on=APPROACHED_ON)
        decide(store, officer, case.case_id, "application", APPROACHED_ON)
        decide(store, officer, case.case_id, "relief_duty_accepted", APPROACHED_ON)
    model = DeadlinesModel()
    model.set_rows(deadlines(store, officer, as_of=TODAY))
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_deadlines_are_filtered_by_officer_and_kind_and_flag_overdue_and_due_soon_in_words(
    qtbot: QtBot, store: Store, officer: OfficerView, open_app: OpenApp
) -> None:
    mine = record_case(store, officer, "Adeyemi", approached_on=date(2026, 9, 1))
    decide(store, officer, mine.case_id, "application", date(2026, 9, 1))
    decide(
        store, officer, mine.case_id, "prevention_duty_accepted", date(2026, 10, 1)
    )  # day 56: 25 Nov
    colleague = add_officer(store, "Oli Officer", Role.OFFICER)
    theirs = record_case(store, colleague, "Brennan", approached_on=date(2026, 9, 1))
    decide(store, colleague, theirs.case_id, "application", date(2026, 9, 1))
    # Relief from 20 September, no findings yet: it runs on past day 56 (14 November).
    decide(store, colleague, theirs.case_id, "relief_duty_accepted", date(2026, 9, 20))
    window = open_app(store)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.deadlines_page
    model = page.model

    def shown() -> list[tuple[str, str, str]]:
        return [
            (
                model.data(model.index(row, 1)),
                model.data(model.index(row, 2)),
                model.data(model.index(row, 4)),
            )
            for row in range(model.rowCount())
        ]

    qtbot.waitUntil(lambda: page.count_label.text() == "1 clock")
    assert shown() == [("ADEYEMI, Grace", "Prevention: day 56", "Due today")]
    assert model.data(model.index(0, 4), Qt.ItemDataRole.BackgroundRole) is not None

    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.whose.setCurrentIndex(page.whose.findData("everyone"))
    assert shown() == [
        ("BRENNAN, Grace", "Relief: day 56", "Overdue by 11 days"),
        ("ADEYEMI, Grace", "Prevention: day 56", "Due today"),
    ]
    assert model.data(model.index(0, 5)) == "Oli Officer"
    overdue_text = model.data(model.index(0, 4), Qt.ItemDataRole.ForegroundRole)
    assert overdue_text is not None, "overdue reads red as well as in words"

    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.kind.setCurrentIndex(page.kind.findData(DeadlineKind.PREVENTION_PERIOD_END))
    assert shown() == [("ADEYEMI, Grace", "Prevention: day 56", "Due today")]

    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.kind.setCurrentIndex(0)  # every kind of clock
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.whose.setCurrentIndex(page.whose.findText("Cases of Oli Officer"))
    assert shown() == [("BRENNAN, Grace", "Relief: day 56", "Overdue by 11 days")]


@pytest.mark.parametrize(("notice", "offered"), [(None, True), (NoticeKind.SECTION_21, False)])
def test_ending_prevention_offers_56_days_complied_only_where_the_act_allows_it(
    qtbot: QtBot,
    main_window: MainWindow,
    store: Store,
    officer: OfficerView,
    notice: NoticeKind | None,
    offered: bool,
) -> None:
    case = record_case(store, officer, approached_on=date(2026, 9, 1))
    decide(store, officer, case.case_id, "application", date(2026, 9, 1))
    if notice is not None:
        decide(
            store, officer, case.case_id, "notice_to_quit", date(2026, 9, 1),
            notice_kind=notice, notice_expires_on=date(2026, 10, 20),
        )  # fmt: skip
    # Day 56 of prevention was 26 October: past, so only s195(6) can rule the ending out.
    decide(store, officer, case.case_id, "prevention_duty_accepted", date(2026, 9, 1))
    tab = open_duties(qtbot, main_window, case.case_id).duties_tab

    form = open_form(qtbot, tab, "prevention_duty_ended")

    assert form.choice is not None
    choices = [form.choice.itemText(index) for index in range(form.choice.count())]
    assert ("56 days passed and duty complied with" in choices) == offered
    assert "Became homeless" in choices
    assert clocks_shown(tab)[0][2] == "Overdue by 30 days"
