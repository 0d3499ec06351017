"""My caseload: the officer's cases, filtered and sorted, a page at a time."""

import uuid
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hoclient.security.roles import Permission
from hoclient.services.caseload import (
    CaseloadQuery,
    CaseloadScope,
    caseload_count,
    caseload_page,
)
from hoclient.services.changes import Changes
from hoclient.services.views import CaseRow
from hoclient.ui.caseload_model import CaseloadModel, column_of
from hoclient.ui.context import AppContext
from hoclient.ui.formatting import counted
from hoclient.ui.table_model import ROW_ROLE
from hoclient.ui.views import set_column_widths, table_view
from hoclient.vocabulary import CaseStatus

FILTER_DELAY_MS = 200  # long enough to let a name be typed, short enough to feel immediate


class _FilterBox(QLineEdit):
    """Down arrow goes to the table, so the keyboard moves from filter to rows."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # QWidget.keyPressEvent
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
        else:
            super().keyPressEvent(event)


class CaseloadPage(QWidget):
    case_requested = Signal(object)  # the case's UUID
    new_approach_requested = Signal()
    count_shown = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        title = QLabel("My caseload")
        title.setObjectName("pageTitle")

        self.filter_box = _FilterBox()
        self.filter_box.setPlaceholderText("Filter by name, case reference or postcode")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter cases")
        self.scope = QComboBox()
        for scope in CaseloadScope:
            self.scope.addItem(scope.value, scope)
        self.scope.setAccessibleName("Whose cases")
        self.status = QComboBox()
        for text, status in (
            ("Open", CaseStatus.OPEN),
            ("Closed", CaseStatus.CLOSED),
            ("Open and closed", None),
        ):
            self.status.addItem(text, status)
        self.status.setAccessibleName("Case status")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.new_approach_button = QPushButton("New approach…")
        self.new_approach_button.setToolTip("Record a new approach (Ctrl+N)")
        self.new_approach_button.setObjectName("primaryButton")

        query = CaseloadQuery()
        self.model = CaseloadModel(self._load_page, query, self)
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Cases")
        header = self.view.horizontalHeader()
        # Matches the query's default, so turning sorting on does not reload.
        header.setSortIndicator(
            column_of(query.sort),
            Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder,
        )
        self.view.setSortingEnabled(True)
        set_column_widths(
            self.view,
            {
                0: "HO26-WWWW-WWWW",
                1: "FITZGERALD, Christopher",
                2: "Date of birth",
                3: "WWWW WWW",
                4: "Approached",
                5: "Household",
                6: "Closed",
            },
        )
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filters)
        self.filter_box.textChanged.connect(self._filter_timer.start)
        self.filter_box.down_pressed.connect(self._focus_rows)
        self.filter_box.returnPressed.connect(self._apply_filters)
        self.scope.currentIndexChanged.connect(self._apply_filters)
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.view.activated.connect(self._open)  # Enter, Return or double-click
        self.new_approach_button.clicked.connect(lambda: self.new_approach_requested.emit())
        self.model.modelReset.connect(self._refresh_count)
        self.model.modelReset.connect(self._show_empty_hint)
        self.model.rowsInserted.connect(self._show_empty_hint)
        context.changed.connect(self._data_changed)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_approach_button)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_box, 3)
        filters.addWidget(self.scope, 1)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)

        self._count_request = 0
        self.model.reload()

    def _load_page(self, query: CaseloadQuery, offset: int, limit: int) -> list[CaseRow]:
        # On the UI thread: one indexed page is a few ms even at 20k cases (benchmarks/).
        if not self.context.may(Permission.READ_CASEWORK):
            return []
        return caseload_page(self.context.store, self.context.officer, query, offset, limit)

    def query(self) -> CaseloadQuery:
        return self.model.query

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def _apply_filters(self) -> None:
        self._filter_timer.stop()
        scope = self.scope.currentData()
        status = self.status.currentData()
        self.model.set_query(
            replace(
                self.model.query,
                text=self.filter_box.text(),
                scope=scope if isinstance(scope, CaseloadScope) else CaseloadScope.MINE,
                status=status if isinstance(status, CaseStatus) else None,
            )
        )

    def _refresh_count(self) -> None:
        # Counting every match can take longer than a page at 20k cases: a reader does it,
        # and only the answer to the latest query is shown.
        self._count_request += 1
        request, query, context = self._count_request, self.model.query, self.context
        if not context.may(Permission.READ_CASEWORK):
            return
        self.count_label.setText("Counting…")

        def show(count: int) -> None:
            if request == self._count_request:
                self.count_label.setText(counted(count, "case", "cases"))
                self.count_shown.emit(count)

        context.read(
            lambda: caseload_count(context.store, context.officer, query), show, owner=self
        )

    def _show_empty_hint(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            filtered = bool(self.model.query.text.strip())
            self.empty_hint.setText(
                "No cases match the filter. Clear it, or choose all cases on this laptop."
                if filtered
                else "No cases to show. Press Ctrl+N to record a new approach, "
                "or choose whose cases to see."
            )
        self.empty_hint.setVisible(empty)

    def _focus_rows(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, CaseRow):
            self.case_requested.emit(row.case_id)

    def _data_changed(self, changes: Changes) -> None:
        if changes.cases or changes.household or changes.persons:
            current = self.view.currentIndex().data(ROW_ROLE)
            self.model.reload()
            if isinstance(current, CaseRow):
                self._select_case(current.case_id)

    def _select_case(self, case_id: uuid.UUID) -> None:
        for row, line in enumerate(self.model.rows()):
            if line.case_id == case_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return
