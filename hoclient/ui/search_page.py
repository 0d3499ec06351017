"""Search: one box for a name, date of birth, NI number, postcode or case reference."""

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from hoclient.services.changes import Changes
from hoclient.services.search import MAX_HITS, search
from hoclient.services.views import SearchHit, SearchResult
from hoclient.ui.context import AppContext
from hoclient.ui.errors import report_error
from hoclient.ui.formatting import counted, ni_number, uk_date_or
from hoclient.ui.table_model import ROW_ROLE, Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view

SEARCH_DELAY_MS = 200
HOW_TO_SEARCH = (
    "Type a name, a date of birth (e.g. 02/03/1990), an NI number, a postcode or a case reference."
)
NO_ONE_FOUND = (
    "No one found. Check the spelling, or search by date of birth (e.g. 02/03/1990), "
    "NI number, postcode or case reference."
)

SEARCH_COLUMNS: tuple[Column[SearchHit], ...] = (
    Column("Name", lambda hit: hit.name),
    Column("Date of birth", lambda hit: uk_date_or(hit.date_of_birth, "Not known")),
    Column("NI number", lambda hit: ni_number(hit.ni_number)),
    Column("Postcode", lambda hit: hit.postcode or ""),
    Column("Case reference", lambda hit: hit.case_reference or "No case"),
    Column("Role in household", lambda hit: hit.relationship.value if hit.relationship else ""),
    Column("Status", lambda hit: hit.case_status.value if hit.case_status else ""),
)


class SearchModel(RowsModel[SearchHit]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(SEARCH_COLUMNS, parent)


def describe(typed: str, result: SearchResult) -> str:
    """What the officer reads above the results."""
    if not typed.strip():
        return HOW_TO_SEARCH
    if result.kind is None or not result.hits:
        return NO_ONE_FOUND
    found = len(result.hits)
    if found >= MAX_HITS:
        return (
            f"Searching by {result.kind.value} — the first {found} results; "
            "type more to narrow them."
        )
    return f"Searching by {result.kind.value} — {counted(found, 'result', 'results')}"


class _SearchBox(QLineEdit):
    """Up and Down move through the results while the officer keeps typing."""

    moved = Signal(int)  # -1 up, +1 down

    def keyPressEvent(self, event: QKeyEvent) -> None:  # QWidget.keyPressEvent
        if event.key() == Qt.Key.Key_Down:
            self.moved.emit(1)
        elif event.key() == Qt.Key.Key_Up:
            self.moved.emit(-1)
        else:
            super().keyPressEvent(event)


class SearchPage(QWidget):
    case_requested = Signal(object)  # the case's UUID
    results_shown = Signal(object)  # the SearchResult now on screen

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        title = QLabel("Search")
        title.setObjectName("pageTitle")
        self.search_box = _SearchBox()
        self.search_box.setPlaceholderText(
            "Name, date of birth, NI number, postcode or case reference"
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search for a person")
        self.summary = QLabel(HOW_TO_SEARCH)
        self.summary.setObjectName("searchSummary")
        self.summary.setWordWrap(True)
        self.model = SearchModel(self)
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.setAccessibleName("People found")
        set_column_widths(
            self.view,
            {
                0: "FITZGERALD-SMYTHE, Christopher",
                1: "Date of birth",
                2: "AB 12 34 56 C",
                3: "WWWW WWW",
                4: "HO26-WWWW-WWWW",
                5: "Role in household",
            },
        )

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._timer.start)
        self.search_box.returnPressed.connect(self._open_current)
        self.search_box.moved.connect(self._move)
        self.view.activated.connect(self._open)
        context.changed.connect(self._data_changed)
        self._request = 0
        self._searching = False
        self._open_when_shown = False  # Enter was pressed before the results came back

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.search_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def run_search(self) -> None:
        """Search for the text in the box now, on a reader; a later search makes this one's
        result stale, and a stale result is never shown."""
        self._timer.stop()
        self._request += 1
        request, typed, context = self._request, self.search_box.text(), self.context

        def show(result: SearchResult) -> None:
            if request != self._request:
                return
            self._searching = False
            self.model.set_rows(result.hits)
            self.summary.setText(describe(typed, result))
            if result.hits:
                self.view.setCurrentIndex(self.model.index(0, 0))
            self.results_shown.emit(result)
            if self._open_when_shown:
                self._open_when_shown = False
                self._open(self.view.currentIndex())

        if not typed.strip():
            show(SearchResult(kind=None, hits=()))
            return
        self._searching = True
        self.summary.setText("Searching…")
        context.read(
            lambda: search(context.store, context.officer, typed),
            show,
            owner=self,
            on_error=self._search_failed,
        )

    def _search_failed(self, error: Exception) -> None:
        self._searching = self._open_when_shown = False
        self.summary.setText("The search did not finish.")
        report_error(self.window(), error)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            current = self.view.currentIndex().row()
            row = min(max(current + step, 0), rows - 1) if current >= 0 else 0
            self.view.setCurrentIndex(self.model.index(row, 0))

    def _open_current(self) -> None:
        """Enter in the box opens the highlighted person's case, as a launcher does; typed
        faster than the search, it opens the first result for what was typed."""
        if self._timer.isActive():
            self.run_search()
        if self._searching:
            self._open_when_shown = True
        else:
            self._open(self.view.currentIndex())

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(ROW_ROLE)
        if not isinstance(hit, SearchHit):
            return
        if hit.case_id is None:
            self.summary.setText(f"{hit.name} has no case on this laptop.")
            return
        self.case_requested.emit(hit.case_id)

    def _data_changed(self, changes: Changes) -> None:
        if (changes.persons or changes.cases or changes.household) and self.search_box.text():
            self.run_search()
