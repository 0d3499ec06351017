"""Small dialogs of the Street count page: a new count, and referring a person to outreach."""

from datetime import date

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from hoclient.services.persons import PersonDetails
from hoclient.services.street_count_setup import CountDetails, count_problems
from hoclient.ui.street_count.entry_form import on_night
from hoclient.vocabulary import CountKind, CountMethod


class NewCountDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New street count")
        self.name = QLineEdit(f"Autumn snapshot {today.year}")
        self.kind = QComboBox()
        for kind in CountKind:
            self.kind.addItem(kind.value, kind)
        self.method = QComboBox()
        for method in CountMethod:
            self.method.addItem(method.value, method)
        self.night_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.night_of.setCalendarPopup(True)
        self.night_of.setDisplayFormat("d MMMM yyyy")
        self.starts = QTimeEdit(QTime(0, 30))
        self.ends = QTimeEdit(QTime(4, 0))
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("HH:mm")
        self.partner = QLineEdit()
        self.partner.setPlaceholderText("The independent partner organisation, if any")
        self.problems = QLabel()
        self.problems.setObjectName("problemSummary")
        self.problems.setWordWrap(True)
        self.problems.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(self.problems)
        layout.addRow("&Name", self.name)
        layout.addRow("&Kind", self.kind)
        layout.addRow("&Method", self.method)
        layout.addRow("Night &of", self.night_of)
        layout.addRow("&Starts", self.starts)
        layout.addRow("&Finishes", self.ends)
        layout.addRow("Independent &partner", self.partner)
        layout.addRow(buttons)

    def details(self) -> CountDetails:
        night = self.night_of.date().toPython()
        assert isinstance(night, date)
        return CountDetails(
            name=self.name.text(),
            kind=self.kind.currentData(),
            method=self.method.currentData(),
            night_of=night,
            starts_at=on_night(night, self.starts.time()),
            ends_at=on_night(night, self.ends.time()),
            independent_partner=self.partner.text(),
        )

    def _accept(self) -> None:
        if problems := count_problems(self.details()):
            self.problems.setText("\n".join(problems.values()))
            self.problems.show()
            return
        self.accept()


class ReferDialog(QDialog):
    """The person's name, from the outreach contact: the count itself records none."""

    def __init__(self, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Refer to outreach")
        self.family_name = QLineEdit()
        self.given_names = QLineEdit()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open a case")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        intro = QLabel(
            f"Seen: {description or 'no description'}.\nA new approach is opened for the "
            "outreach team, sleeping rough, referred from the street count."
        )
        intro.setWordWrap(True)
        layout.addRow(intro)
        layout.addRow("&Family name", self.family_name)
        layout.addRow("&Given names", self.given_names)
        layout.addRow(buttons)

    def applicant(self) -> PersonDetails:
        return PersonDetails(self.family_name.text(), self.given_names.text())
