"""A date box an officer types into: 2/3/1990, 02.03.1990, 02031990 or 1990-03-02.

QDateEdit cannot be blank, and typing over its special "no date" text garbles it, so a date
of birth that is not known yet would need a made-up value. This is a line edit that reads UK
dates and offers QDateEdit's `date()`/`setDate()` for code and tests.
"""

import datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from hoclient.services.search import parse_date
from hoclient.ui.formatting import typed_date

UNREADABLE_DATE = "Enter the date as day/month/year, for example 02/03/1990."


class DateField(QLineEdit):
    # The date read from the text, or None when the box is blank or unreadable.
    date_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.setMaxLength(10)
        self._value = self._read()
        self.textChanged.connect(self._text_changed)

    def value(self) -> datetime.date | None:
        """The date typed, or None if the box is blank or does not hold a date."""
        return self._value

    def is_blank(self) -> bool:
        return not self.text().strip()

    def problem(self) -> str | None:
        """Why the text is not a date, or None (a blank box is for the form to judge)."""
        if self.is_blank() or self._value is not None:
            return None
        return UNREADABLE_DATE

    def date(self) -> QDate:
        """As QDateEdit.date(); an invalid QDate when there is no date."""
        if self._value is None:
            return QDate()
        return QDate(self._value.year, self._value.month, self._value.day)

    def setDate(self, value: QDate | datetime.date) -> None:
        """As QDateEdit.setDate(); an invalid QDate blanks the box."""
        if isinstance(value, datetime.date):
            self.setText(typed_date(value))
        elif value.isValid():
            self.setText(typed_date(datetime.date(value.year(), value.month(), value.day())))
        else:
            self.clear()

    def _read(self) -> datetime.date | None:
        return parse_date(self.text())

    def _text_changed(self, _text: str) -> None:
        value = self._read()
        if value != self._value:
            self._value = value
            self.date_changed.emit(value)
