"""Search: one box, searched on a reader as the officer types; only the latest answer shows."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hoclient.services.changes import Changes
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.main_window import MainWindow
from hoclient.ui.search_page import HOW_TO_SEARCH, NO_ONE_FOUND
from tests.ui.helpers import record_case


def _search_for(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.go_to("Search")
    window.search_box.clear()
    with qtbot.waitSignal(window.search_page.results_shown, timeout=5000):
        qtbot.keyClicks(window.search_box, text)


def _names(window: MainWindow) -> list[str]:
    model = window.search_page.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_part_of_a_surname_finds_the_person_and_says_how_it_searched(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    case = record_case(store, officer, postcode="SW1A 1AA")
    record_case(store, officer, "Nowak", "Piotr", born_on=None)
    assert main_window.search_page.summary.text() == HOW_TO_SEARCH
    _search_for(qtbot, main_window, "oka")
    qtbot.waitUntil(lambda: _names(main_window) == ["OKAFOR, Grace"])
    assert main_window.search_page.summary.text() == "Searching by name — 1 result"
    model = main_window.search_page.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "Name",
        "Date of birth",
        "NI number",
        "Postcode",
        "Case reference",
        "Role in household",
        "Status",
    ]
    assert [model.data(model.index(0, c)) for c in range(1, 7)] == [
        "02 Mar 1990",
        "",
        "SW1A 1AA",
        case.reference,
        "Applicant",
        "Open",
    ]


def test_the_kind_of_search_follows_what_was_typed(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    case = record_case(store, officer, postcode="SW1A 1AA")
    for typed, summary in (
        ("02/03/1990", "Searching by date of birth — 1 result"),
        ("SW1A", "Searching by postcode — 1 result"),
        (case.reference[:9], "Searching by case reference — 1 result"),
    ):
        _search_for(qtbot, main_window, typed)
        qtbot.waitUntil(lambda s=summary: main_window.search_page.summary.text() == s)


def test_no_one_found_says_what_else_to_try(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    record_case(store, officer)
    _search_for(qtbot, main_window, "Zzyzx")
    assert main_window.search_page.summary.text() == NO_ONE_FOUND
    assert main_window.search_page.model.rowCount() == 0


def test_only_the_answer_to_the_latest_text_is_shown(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    record_case(store, officer)
    record_case(store, officer, "Nowak", "Piotr", born_on=None)
    page = main_window.search_page
    shown = []
    page.results_shown.connect(shown.append)
    page.search_box.setText("oka")
    page.run_search()
    page.search_box.setText("now")
    page.run_search()  # the first search is stale before its answer can arrive
    qtbot.waitUntil(lambda: not main_window.context.readers.busy)  # both answers are back
    assert len(shown) == 1, "the stale answer was dropped"
    assert _names(main_window) == ["NOWAK, Piotr"]


def test_enter_in_the_box_opens_the_highlighted_persons_case(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    okafor = record_case(store, officer)
    record_case(store, officer, "Okafor", "Ben", born_on=None)
    _search_for(qtbot, main_window, "okafor")
    qtbot.waitUntil(lambda: len(_names(main_window)) == 2)
    row = _names(main_window).index("OKAFOR, Grace")
    for _ in range(row):
        qtbot.keyClick(main_window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(main_window.search_box, Qt.Key.Key_Return)
    assert list(main_window.case_windows) == [okafor.case_id]


def test_enter_typed_before_the_answer_opens_the_first_result(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    case = record_case(store, officer)
    main_window.go_to("Search")
    qtbot.keyClicks(main_window.search_box, "okaf")
    qtbot.keyClick(main_window.search_box, Qt.Key.Key_Return)  # faster than the debounce
    qtbot.waitUntil(lambda: case.case_id in main_window.case_windows)


def test_a_new_case_shows_in_a_search_already_on_screen(
    qtbot: QtBot, main_window: MainWindow, store: Store, officer: OfficerView
) -> None:
    _search_for(qtbot, main_window, "oka")
    assert _names(main_window) == []
    case = record_case(store, officer)
    main_window.context.changed.emit(Changes(cases=True, persons=True, case_id=case.case_id))
    qtbot.waitUntil(lambda: _names(main_window) == ["OKAFOR, Grace"])
