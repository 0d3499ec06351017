"""Table views set up the same way everywhere: whole rows, no editing, Enter opens."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def table_view(parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table, as in every other field
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def set_column_widths(view: QTableView, samples: dict[int, str]) -> None:
    """Widths from the text a column usually holds, and its bold heading (with room for the
    sort arrow in a sortable view), so they fit the font on every laptop without measuring
    every row (ResizeToContents would read each loaded row)."""
    metrics = view.fontMetrics()
    bold = QFont(view.font())
    bold.setBold(True)
    heading_metrics = QFontMetrics(bold)
    padding = 3 * metrics.averageCharWidth()
    arrow = metrics.height() if view.isSortingEnabled() else 0
    model = view.model()
    for column, sample in samples.items():
        heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(
            metrics.horizontalAdvance(sample),
            heading_metrics.horizontalAdvance(heading) + arrow,
        )
        view.setColumnWidth(column, width + padding)
