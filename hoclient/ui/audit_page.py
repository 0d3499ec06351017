"""Audit: who opened or changed what on this laptop, newest first, for senior officers and
administrators (Permission.READ_AUDIT). Filtered by a person's name, a case reference or an
officer; a page of events at a time, like My caseload."""

import uuid
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from hoclient.services.audit_trail import AuditQuery, AuditRow, audit_page
from hoclient.services.changes import Changes
from hoclient.services.officers import officers_on_this_laptop
from hoclient.ui.context import AppContext
from hoclient.ui.formatting import london_time
from hoclient.ui.table_model import ROW_ROLE, AnyIndex, Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view

LoadPage = Callable[[AuditQuery, int, int], list[AuditRow]]  # (query, offset, limit)
FILTER_DELAY_MS = 200


def in_words(action: str) -> str:
    """'changed housing_case' -> 'changed case': the stored action names a table."""
    return action.replace("housing_case", "case").replace("_", " ")


AUDIT_COLUMNS: tuple[Column[AuditRow], ...] = (
    Column("When", lambda row: london_time(row.happened_at)),
    Column("Officer", lambda row: row.officer_name),
    Column("What", lambda row: in_words(row.action)),
    Column(
        "Case",
        lambda row: row.case_reference or ("Not on this laptop" if row.case_id else ""),
    ),
    Column("Person", lambda row: row.person_name or ""),
    Column("Detail", lambda row: row.detail),
)


class AuditModel(RowsModel[AuditRow]):
    """Holds only the events the view has asked for, a page at a time (style.md)."""

    PAGE_SIZE = 200

    def __init__(self, load_page: LoadPage, parent: QObject | None = None) -> None:
        super().__init__(AUDIT_COLUMNS, parent)
        self._load_page = load_page
        self._query = AuditQuery()
        self._all_loaded = self._inserting = False

    @property
    def query(self) -> AuditQuery:
        return self._query

    def set_query(self, query: AuditQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def canFetchMore(self, parent: AnyIndex) -> bool:  # QAbstractItemModel
        # Guarded as in CaseloadModel: Qt calls fetchMore() from our own insert signals.
        return not (parent.isValid() or self._all_loaded or self._inserting)

    def fetchMore(self, parent: AnyIndex) -> None:  # QAbstractItemModel
        if not self.canFetchMore(parent):
            return
        page = self._load_page(self._query, len(self._rows), self.PAGE_SIZE)
        self._all_loaded = len(page) < self.PAGE_SIZE
        if page:
            first, self._inserting = len(self._rows), True
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
            self._inserting = False

    def reload(self) -> None:
        self.beginResetModel()
        self._rows, self._all_loaded = [], False
        self.endResetModel()
        self.fetchMore(QModelIndex())


class _FilterBox(QLineEdit):
    """Down arrow goes to the table, so the keyboard moves from filter to rows."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # QWidget.keyPressEvent
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
        else:
            super().keyPressEvent(event)


class AuditPage(QWidget):
    case_requested = Signal(object)  # the case's UUID, when it is on this laptop

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        title = QLabel("Audit")
        title.setObjectName("pageTitle")
        self.person_box = _FilterBox()
        self.person_box.setPlaceholderText("Person's name")
        self.person_box.setAccessibleName("Filter by person's name")
        self.person_box.setClearButtonEnabled(True)
        self.case_box = _FilterBox()
        self.case_box.setPlaceholderText("Case reference")
        self.case_box.setAccessibleName("Filter by case reference")
        self.case_box.setClearButtonEnabled(True)
        self.officer = QComboBox()
        self.officer.setAccessibleName("Filter by officer")
        self.officer.addItem("Every officer", None)
        for known in officers_on_this_laptop(context.store):
            self.officer.addItem(known.display_name, known.id)
        self.note_label = QLabel("Events made on this laptop; the centre keeps every laptop's.")
        self.note_label.setObjectName("countLabel")

        self.model = AuditModel(self._load_page, self)
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Audit events, newest first")
        set_column_widths(
            self.view,
            {
                0: "25 Nov 2026 14:05",
                1: "Christopher Fitzgerald",
                2: "changed household member",
                3: "HO26-WWWW-WWWW",
                4: "FITZGERALD, Christopher",
            },
        )
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filters)
        for box in (self.person_box, self.case_box):
            box.textChanged.connect(self._filter_timer.start)
            box.returnPressed.connect(self._apply_filters)
            box.down_pressed.connect(self.focus_rows)
        self.officer.currentIndexChanged.connect(self._apply_filters)
        self.view.activated.connect(self._open)
        self.model.modelReset.connect(self._show_empty_hint)
        self.model.rowsInserted.connect(self._show_empty_hint)
        context.changed.connect(self._data_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.person_box, 2)
        filters.addWidget(self.case_box, 1)
        filters.addWidget(self.officer, 1)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.note_label)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        self.model.reload()

    def _load_page(self, query: AuditQuery, offset: int, limit: int) -> list[AuditRow]:
        # On the UI thread, like My caseload: one page of an indexed, ordered query.
        return audit_page(self.context.store, self.context.officer, query, offset, limit)

    def focus_filter(self) -> None:
        self.person_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.person_box.selectAll()

    def focus_rows(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _apply_filters(self) -> None:
        self._filter_timer.stop()
        chosen = self.officer.currentData()
        self.model.set_query(
            replace(
                self.model.query,
                person_name=self.person_box.text(),
                case_reference=self.case_box.text(),
                officer_id=chosen if isinstance(chosen, uuid.UUID) else None,
            )
        )

    def _show_empty_hint(self) -> None:
        empty = self.model.rowCount() == 0
        query = self.model.query
        filtered = bool(query.person_name.strip() or query.case_reference.strip())
        self.empty_hint.setText(
            "No events match these filters."
            if filtered or query.officer_id
            else "No events on this laptop yet."
        )
        self.empty_hint.setVisible(empty)

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, AuditRow) and row.case_reference is not None:
            self.case_requested.emit(row.case_id)

    def _data_changed(self, _changes: Changes) -> None:
        # Every change leaves an event: the newest page is out of date after any of them.
        if self.isVisible():
            self.model.reload()
