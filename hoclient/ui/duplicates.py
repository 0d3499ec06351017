"""The choice when someone on record may be the person being entered."""

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.views import PersonMatch
from hoclient.ui.formatting import ni_number, uk_date_or

_HEADERS = ("Name", "Date of birth", "NI number", "Postcode", "Cases")


class PossibleDuplicateDialog(QDialog):
    """Lists the people who may be this person. The officer uses one, says this is someone
    new, or cancels and goes back to the form."""

    use_person = Signal(object)  # the PersonMatch chosen
    new_person = Signal()

    def __init__(
        self, intro: str, matches: Sequence[PersonMatch], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Is this someone already on record?")
        self.matches = list(matches)
        message = QLabel(intro)
        message.setWordWrap(True)

        # A handful of rows at most (services stop at 20): a plain table widget is enough.
        self.matches_table = QTableWidget(len(self.matches), len(_HEADERS))
        self.matches_table.setHorizontalHeaderLabels(_HEADERS)
        self.matches_table.verticalHeader().hide()
        self.matches_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matches_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, match in enumerate(self.matches):
            cells = (
                match.name,
                uk_date_or(match.date_of_birth, "Not known"),
                ni_number(match.ni_number),
                match.postcode or "",
                ", ".join(match.case_references) or "No cases",
            )
            for column, text in enumerate(cells):
                self.matches_table.setItem(row, column, QTableWidgetItem(text))
        header = self.matches_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if self.matches:
            self.matches_table.selectRow(0)

        self.use_button = QPushButton("&Use this person")
        self.new_person_button = QPushButton("This is someone &new")
        self.cancel_button = QPushButton("Cancel")
        buttons = QDialogButtonBox()
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.new_person_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Using the record already held is the safe default: a duplicate splits a history.
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(self._use_selected)
        self.new_person_button.clicked.connect(self._someone_new)
        self.cancel_button.clicked.connect(self.reject)
        self.matches_table.itemSelectionChanged.connect(self._selection_changed)
        self.matches_table.doubleClicked.connect(self._use_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.matches_table)
        layout.addWidget(buttons)
        self.resize(780, 260)
        self.matches_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_match(self) -> PersonMatch | None:
        rows = self.matches_table.selectionModel().selectedRows()
        return self.matches[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.use_button.setEnabled(self.selected_match() is not None)

    def _use_selected(self) -> None:
        match = self.selected_match()
        if match is not None:
            self.accept()
            self.use_person.emit(match)

    def _someone_new(self) -> None:
        self.accept()
        self.new_person.emit()
