"""The main window: navigation on the left, the chosen page on the right."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from hoclient.services.clock import today_in_london
from hoclient.services.officers import current_officer
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.case_window import NOT_BUILT, CaseWindow
from hoclient.ui.caseload_page import CaseloadPage
from hoclient.ui.context import AppContext
from hoclient.ui.deadlines_page import DeadlinesPage
from hoclient.ui.errors import report_error
from hoclient.ui.idle_lock import IdleLock
from hoclient.ui.new_approach import NewApproachForm
from hoclient.ui.search_page import SearchPage
from hoclient.ui.status_bar import StatusBar
from hoclient.ui.windows import bring_to_front, give_keyboard_back

WINDOW_TITLE = "hoclient — Housing Options"


@dataclass(frozen=True)
class Place:
    name: str
    menu_text: str  # with its Alt-key mnemonic
    built: bool


PLACES = (
    Place("My caseload", "My &caseload", True),
    Place("Deadlines", "&Deadlines", True),
    Place("Search", "&Search", True),
    Place("Street count", "S&treet count", False),
    Place("Temporary accommodation", "Temporary &accommodation", False),
    Place("Housing register", "Housing &register", False),
    Place("Reports", "R&eports", False),
    Place("Sync", "S&ync", False),
)


class MainWindow(QMainWindow):
    """The app's main window on `store`, working as `officer` (by default the laptop's
    current officer, made on the first start of an empty store)."""

    def __init__(
        self,
        store: Store,
        *,
        officer: OfficerView | None = None,
        today: Callable[[], date] = today_in_london,
    ) -> None:
        super().__init__()
        self.context = context = AppContext(
            store, officer or current_officer(store), today=today, parent=self
        )
        self.setWindowTitle(WINDOW_TITLE)
        # Set by ui.app.start_session once an officer has signed in (tests may go without).
        self.idle_lock: IdleLock | None = None
        self.new_approach_form: NewApproachForm | None = None
        self.case_windows: dict[uuid.UUID, CaseWindow] = {}

        self.caseload_page = CaseloadPage(context)
        self.search_page = SearchPage(context)
        self.deadlines_page = DeadlinesPage(context)
        self.deadlines_view = self.deadlines_page.view
        self.caseload_view = self.caseload_page.view
        self.search_box = self.search_page.search_box
        self.search_view = self.search_page.view
        self.pages = QStackedWidget()
        self._page_of: dict[str, QWidget] = {
            "My caseload": self.caseload_page,
            "Deadlines": self.deadlines_page,
            "Search": self.search_page,
        }
        for page in self._page_of.values():
            self.pages.addWidget(page)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Go to")
        metrics = self.navigation.fontMetrics()
        self.navigation.setFixedWidth(metrics.horizontalAdvance("Temporary accommodation") + 48)
        # The stylesheet's item padding does not reach the size hint: set the height here.
        item_size = QSize(0, metrics.height() + 18)
        for number, place in enumerate(PLACES, start=1):
            item = QListWidgetItem(place.name)
            item.setSizeHint(item_size)
            if place.built:
                item.setToolTip(f"{place.name} (Ctrl+{number})")
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(NOT_BUILT)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._navigated)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(context)
        self.setStatusBar(self.status)
        self._build_menus()

        self.caseload_page.case_requested.connect(self.open_case)
        self.caseload_page.new_approach_requested.connect(self.open_new_approach)
        self.search_page.case_requested.connect(self.open_case)
        self.deadlines_page.case_requested.connect(self.open_case_duties)
        self.go_to("My caseload")
        self.resize(1280, 780)

    def _build_menus(self) -> None:
        self.new_approach_action = QAction("&New approach…", self)
        self.new_approach_action.setShortcut(QKeySequence("Ctrl+N"))
        # From a case window too: a new approach does not wait for the officer to go back.
        self.new_approach_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.new_approach_action.setStatusTip("Record someone approaching the service")
        self.new_approach_action.setToolTip("Record a new approach (Ctrl+N)")
        self.new_approach_action.triggered.connect(self.open_new_approach)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.new_approach_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        go_menu = self.menuBar().addMenu("&Go")
        self.go_actions: dict[str, QAction] = {}
        for number, place in enumerate(PLACES, start=1):
            action = QAction(place.menu_text, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setEnabled(place.built)
            if not place.built:
                action.setToolTip(NOT_BUILT)
                action.setStatusTip(f"{place.name}: {NOT_BUILT.lower()}")
            action.triggered.connect(lambda _checked=False, name=place.name: self.go_to(name))
            go_menu.addAction(action)
            self.go_actions[place.name] = action
        go_menu.setToolTipsVisible(True)
        go_menu.addSeparator()
        self.find_action = QAction("&Find a person…", self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.find_action.setToolTip(
            "Search by name, date of birth, NI number, postcode or case (Ctrl+F)"
        )
        self.find_action.triggered.connect(self.find_person)
        go_menu.addAction(self.find_action)

        toolbar = QToolBar("Actions")
        toolbar.setObjectName("actions")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_approach_action)
        toolbar.addAction(self.find_action)
        self.addToolBar(toolbar)

    # Navigation.

    def go_to(self, name: str, *, focus_page: bool = True) -> None:
        """Show a built page, its box ready to type in; an unbuilt place stays where it is
        and says so."""
        page = self._page_of.get(name)
        if page is None:
            self.statusBar().showMessage(f"{name}: {NOT_BUILT.lower()}.", 4000)
            return
        self.pages.setCurrentWidget(page)
        row = next(number for number, place in enumerate(PLACES) if place.name == name)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)
        if not focus_page:
            return
        if page is self.search_page:
            self.search_page.focus_search()
        elif page is self.deadlines_page:
            self.deadlines_page.focus_rows()
        else:
            self.caseload_page.focus_filter()

    def current_place(self) -> str:
        return PLACES[self.navigation.currentRow()].name

    def find_person(self) -> None:
        bring_to_front(self)
        self.go_to("Search")

    def _navigated(self, row: int) -> None:
        # Arrowing down the list keeps the keyboard in the list.
        if 0 <= row < len(PLACES):
            self.go_to(PLACES[row].name, focus_page=not self.navigation.hasFocus())

    # New approach.

    def open_new_approach(self) -> None:
        bring_to_front(self)
        if self.new_approach_form is not None:
            bring_to_front(self.new_approach_form)
            return
        form = NewApproachForm(self.context, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._approach_saved)
        form.finished.connect(self._new_approach_closed)
        self.new_approach_form = form
        form.open()

    def _approach_saved(self, case: CaseView) -> None:
        self.statusBar().showMessage(
            f"Case {case.reference} opened for {case.applicant_name}.", 8000
        )
        self.open_case(case.case_id)

    def _new_approach_closed(self) -> None:
        self.new_approach_form = None
        give_keyboard_back(self)

    # Case windows.

    def open_case(self, case_id: uuid.UUID) -> CaseWindow | None:
        """Open the case's window, or bring its open window to the front."""
        window = self.case_windows.get(case_id)
        if window is None:
            try:
                window = CaseWindow(self.context, case_id, self)
            except Exception as error:  # NotFound, or a bug: said, never swallowed
                report_error(self, error)
                return None
            window.closed.connect(self._case_window_closed)
            self.case_windows[case_id] = window
        bring_to_front(window)
        return window

    def open_case_duties(self, case_id: uuid.UUID) -> CaseWindow | None:
        """Open the case on its Duties tab: from Deadlines, the clock is what the officer
        came for."""
        window = self.open_case(case_id)
        if window is not None:
            window.show_tab(window.duties_tab)
        return window

    def _case_window_closed(self, case_id: uuid.UUID) -> None:
        self.case_windows.pop(case_id, None)
        give_keyboard_back(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # QWidget.closeEvent
        for window in list(self.case_windows.values()):
            window.close()
        # A save under way finishes before the store closes: nothing typed is lost.
        self.context.wait_for_workers()
        super().closeEvent(event)
