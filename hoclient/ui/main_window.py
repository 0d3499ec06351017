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

from hoclient.security.roles import Permission
from hoclient.services.clock import today_in_london
from hoclient.services.officers import current_officer
from hoclient.services.views import CaseView, OfficerView
from hoclient.store.handle import Store
from hoclient.ui.audit_page import AuditPage
from hoclient.ui.case_window import NOT_BUILT, CaseWindow
from hoclient.ui.caseload_page import CaseloadPage
from hoclient.ui.context import AppContext
from hoclient.ui.deadlines_page import DeadlinesPage
from hoclient.ui.errors import report_error
from hoclient.ui.idle_lock import IdleLock
from hoclient.ui.new_approach import NewApproachForm
from hoclient.ui.search_page import SearchPage
from hoclient.ui.status_bar import StatusBar
from hoclient.ui.street_count.coordinator_page import StreetCountPage
from hoclient.ui.sync_controller import SyncController
from hoclient.ui.sync_page import SyncPage
from hoclient.ui.windows import bring_to_front, give_keyboard_back

WINDOW_TITLE = "hoclient — Housing Options"


@dataclass(frozen=True)
class Place:
    name: str
    menu_text: str  # with its Alt-key mnemonic
    built: bool
    needs: Permission = Permission.READ_CASEWORK  # the officer's role must allow it


PLACES = (
    Place("My caseload", "My &caseload", True),
    Place("Deadlines", "&Deadlines", True),
    Place("Search", "&Search", True),
    Place("Street count", "S&treet count", True, Permission.RECORD_STREET_COUNT),
    Place("Temporary accommodation", "Temporary &accommodation", False),
    Place("Housing register", "Housing &register", False),
    Place("Reports", "R&eports", False),
    Place("Sync", "S&ync", True, Permission.SYNC),
    Place("Audit", "A&udit", True, Permission.READ_AUDIT),
)
NOT_YOUR_ROLE = "Your role does not include this."


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
        self.street_count_page = StreetCountPage(context)
        self.sync = SyncController(context, self)
        self.sync_page = SyncPage(context, self.sync)
        self.deadlines_view = self.deadlines_page.view
        self.caseload_view = self.caseload_page.view
        self.search_box = self.search_page.search_box
        self.search_view = self.search_page.view
        # Made only for a role that may read the trail: the page asks for its first events.
        self.audit_page = AuditPage(context) if context.may(Permission.READ_AUDIT) else None
        self.pages = QStackedWidget()
        self._page_of: dict[str, QWidget] = {
            "My caseload": self.caseload_page,
            "Deadlines": self.deadlines_page,
            "Search": self.search_page,
            "Street count": self.street_count_page,
            "Sync": self.sync_page,
        }
        if self.audit_page is not None:
            self._page_of["Audit"] = self.audit_page
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
            if self._open_to_officer(place):
                item.setToolTip(f"{place.name} (Ctrl+{number})")
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(NOT_BUILT if not place.built else NOT_YOUR_ROLE)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._navigated)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(context, self.sync)
        self.status.conflicts_requested.connect(self.show_conflicts)
        self._sync_asked_for = False  # F5: its failure is said in a box, not only in the bar
        self.sync.finished.connect(self._sync_finished)
        self.setStatusBar(self.status)
        self._build_menus()

        self.caseload_page.case_requested.connect(self.open_case)
        self.caseload_page.new_approach_requested.connect(self.open_new_approach)
        self.search_page.case_requested.connect(self.open_case)
        self.deadlines_page.case_requested.connect(self.open_case_duties)
        if self.audit_page is not None:
            self.audit_page.case_requested.connect(self.open_case)
        # The officer's own work first: Sync is everyone's, so it is never where a role starts.
        first = next(
            (p.name for p in PLACES if p.needs is not Permission.SYNC and self._open_to_officer(p)),
            "Sync",
        )
        self.go_to(first)
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
        self.sync_now_action = QAction("S&ync now", self)
        self.sync_now_action.setShortcut(QKeySequence("F5"))
        self.sync_now_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.sync_now_action.setToolTip("Send this laptop's changes and receive the centre's (F5)")
        self.sync_now_action.triggered.connect(self.sync_now)
        self.import_bundle_action = QAction("&Import case bundle…", self)
        self.import_bundle_action.triggered.connect(self.import_bundle)
        self.import_bundle_action.setEnabled(self.sync_page.import_button.isEnabled())
        self.import_bundle_action.setToolTip(self.sync_page.import_button.toolTip())
        file_menu = self.menuBar().addMenu("&File")
        file_menu.setToolTipsVisible(True)
        file_menu.addAction(self.new_approach_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sync_now_action)
        file_menu.addAction(self.import_bundle_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        go_menu = self.menuBar().addMenu("&Go")
        self.go_actions: dict[str, QAction] = {}
        for number, place in enumerate(PLACES, start=1):
            action = QAction(place.menu_text, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setEnabled(self._open_to_officer(place))
            if not self._open_to_officer(place):
                why = NOT_BUILT if not place.built else NOT_YOUR_ROLE
                action.setToolTip(why)
                action.setStatusTip(f"{place.name}: {why.lower()}")
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

    def _open_to_officer(self, place: Place) -> bool:
        return place.built and self.context.may(place.needs)

    def go_to(self, name: str, *, focus_page: bool = True) -> None:
        """Show a built page, its box ready to type in; an unbuilt place stays where it is
        and says so."""
        page = self._page_of.get(name)
        place = next(p for p in PLACES if p.name == name)
        if page is None or not self._open_to_officer(place):
            why = NOT_BUILT if not place.built else NOT_YOUR_ROLE
            self.statusBar().showMessage(f"{name}: {why.lower()}.", 4000)
            return
        self.pages.setCurrentWidget(page)
        row = next(number for number, place in enumerate(PLACES) if place.name == name)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)
        if not focus_page:
            return
        if page is self.search_page:
            self.search_page.focus_search()
        elif page is self.sync_page:
            self.sync_page.focus_conflicts()
        elif page is self.deadlines_page:
            self.deadlines_page.focus_rows()
        elif page is self.street_count_page:
            self.street_count_page.counts.setFocus()
        elif self.audit_page is not None and page is self.audit_page:
            self.audit_page.focus_filter()
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

    # Sync.

    def sync_now(self) -> None:
        """F5 from anywhere: start a sync, and say why not if one cannot start."""
        if self.sync.sync_now():
            self._sync_asked_for = True  # the contact figure says "Syncing…" until it ends
            return
        if self.sync.running:
            self.statusBar().showMessage("A sync is already running.", 4000)
        else:
            self.statusBar().showMessage(
                "This laptop is not connected to a central service: enrol it first.", 6000
            )

    def _sync_finished(self, outcome: object) -> None:
        asked_for, self._sync_asked_for = self._sync_asked_for, False
        if asked_for and isinstance(outcome, Exception):
            report_error(self, outcome)

    def show_conflicts(self) -> None:
        bring_to_front(self)
        self.go_to("Sync")

    def import_bundle(self) -> None:
        bring_to_front(self)
        self.go_to("Sync", focus_page=False)
        self.sync_page.choose_bundle_to_import()

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
        # A sync stops at its next safe step; a save under way finishes before the store
        # closes: nothing typed is lost.
        self.sync.timer.stop()
        self.sync.cancel()
        self.context.wait_for_workers()
        super().closeEvent(event)
