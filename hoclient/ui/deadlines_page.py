"""Deadlines: every case's statutory clocks on this laptop, soonest first, by officer and kind.

The list comes from services.deadlines on a reader thread: at 20,000 cases it is tens of
milliseconds of queries plus the rows, too long for the UI thread (benchmarks/).
"""

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hoclient.casework.case_history import DeadlineKind
from hoclient.security.roles import Permission
from hoclient.services.changes import Changes
from hoclient.services.deadlines import deadlines
from hoclient.services.decision_labels import DEADLINE_LABELS
from hoclient.services.duty_views import DeadlineRow
from hoclient.services.officers import officers_on_this_laptop
from hoclient.ui.context import AppContext
from hoclient.ui.duties_tab import clock_colours, days_left_text
from hoclient.ui.formatting import counted, uk_date
from hoclient.ui.table_model import ROW_ROLE, AnyIndex, Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view

DEADLINE_COLUMNS: tuple[Column[DeadlineRow], ...] = (
    Column("Reference", lambda row: row.reference),
    Column("Applicant", lambda row: row.applicant_name),
    Column("Clock", lambda row: row.label),
    Column("Last day", lambda row: uk_date(row.due_on)),
    Column("Days left", lambda row: days_left_text(row.days_left)),
    Column("Officer", lambda row: row.officer_name or "Unassigned"),
    Column("Basis", lambda row: row.basis),
)
MINE, EVERYONE = "mine", "everyone"


class DeadlinesModel(RowsModel[DeadlineRow]):
    """The whole list, as the service sorted it (soonest first): it arrives in one piece from
    a reader, so there is nothing to fetch a page at a time."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(DEADLINE_COLUMNS, parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is not None and (colour := clock_colours(row.overdue, row.due_soon, role)):
            return colour
        return super().data(index, role)


class DeadlinesPage(QWidget):
    case_requested = Signal(object)  # the case's UUID: open it on its Duties tab
    loaded = Signal(int)  # how many clocks are shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        title = QLabel("Deadlines")
        title.setObjectName("pageTitle")
        self.whose = QComboBox()
        self.whose.addItem("My cases", MINE)
        self.whose.addItem("All cases on this laptop", EVERYONE)
        # Then each colleague, so a senior can see one officer's clocks (a few dozen names).
        others = [
            officer
            for officer in officers_on_this_laptop(context.store)
            if officer.id != context.officer.id
        ]
        if others:
            self.whose.insertSeparator(self.whose.count())
        for officer in others:
            self.whose.addItem(f"Cases of {officer.display_name}", officer.id)
        self.whose.setAccessibleName("Whose cases")
        self.kind = QComboBox()
        self.kind.addItem("Every kind of clock", None)
        for kind, label in DEADLINE_LABELS.items():
            self.kind.addItem(label, kind)
        self.kind.setAccessibleName("Kind of clock")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.key_label = QLabel(
            "Red: overdue. Yellow: due within 7 days. The days left say the same in words."
        )
        self.key_label.setObjectName("countLabel")

        self.model = DeadlinesModel(self)
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Deadlines, soonest first")
        set_column_widths(
            self.view,
            {
                0: "HO26-WWWW-WWWW",
                1: "FITZGERALD, Christoph",
                2: "B&B: family must have left by",
                3: "30 Sep 2026",
                4: "Overdue by 300 days",
                5: "Terence Newton",
            },
        )
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()

        self.whose.currentIndexChanged.connect(self.reload)
        self.kind.currentIndexChanged.connect(self.reload)
        self.view.activated.connect(self._open)  # Enter, Return or double-click
        context.changed.connect(self._data_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.whose)
        filters.addWidget(self.kind)
        filters.addWidget(self.count_label)
        filters.addStretch(1)
        filters.addWidget(self.key_label)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        self._request = 0
        self.reload()

    def officer_filter(self) -> uuid.UUID | None:
        chosen = self.whose.currentData()
        if chosen == MINE:
            return self.context.officer.id
        return chosen if isinstance(chosen, uuid.UUID) else None

    def kind_filter(self) -> DeadlineKind | None:
        kind = self.kind.currentData()
        return kind if isinstance(kind, DeadlineKind) else None

    def reload(self) -> None:
        """Ask a reader for the list; only the answer to the latest filters is shown."""
        self._request += 1
        request, context = self._request, self.context
        officer_id, kind, today = self.officer_filter(), self.kind_filter(), context.today()
        if not context.may(Permission.READ_CASEWORK):
            return
        self.count_label.setText("Loading…")

        def show(rows: list[DeadlineRow]) -> None:
            if request != self._request:
                return
            current = self.view.currentIndex().data(ROW_ROLE)
            self.model.set_rows(rows)
            self.count_label.setText(counted(len(rows), "clock", "clocks"))
            self.empty_hint.setText(
                "No clocks are running today on these cases. Choose all cases on this laptop, "
                "or every kind of clock, to see more."
            )
            self.empty_hint.setVisible(not rows)
            if isinstance(current, DeadlineRow):
                self._select(current)
            self.loaded.emit(len(rows))

        context.read(
            lambda: deadlines(
                context.store,
                context.officer,
                as_of=today,
                officer_id=officer_id,
                kinds=[kind] if kind else None,
            ),
            show,
            owner=self,
        )

    def focus_rows(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _select(self, previous: DeadlineRow) -> None:
        for number, row in enumerate(self.model.rows()):
            if (row.case_id, row.kind) == (previous.case_id, previous.kind):
                self.view.setCurrentIndex(self.model.index(number, 0))
                return

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, DeadlineRow):
            self.case_requested.emit(row.case_id)

    def _data_changed(self, changes: Changes) -> None:
        # Decisions are announced as changes to their case; a household change can start the
        # B&B limit (a child joins), so both reload the list.
        if changes.cases or changes.household:
            self.reload()
