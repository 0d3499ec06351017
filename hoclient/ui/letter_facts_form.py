"""The facts a letter states that the case does not record, typed in the issue dialog.

Only three letters need them (services/letter_facts.py): the s188(1ZA)(b) notice (the placement
and the day it ends), the relevant warning (the step, the date to take it by, the help offered)
and the local connection referral (the other council, and what happens meanwhile). The form
shows only the rows of the letter picked, and checks them as the officer types.
"""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from hoclient.services.letter_facts import LetterFacts, facts_for, facts_problems
from hoclient.ui.date_field import UNREADABLE_DATE, DateField
from hoclient.ui.field_messages import FieldMessages


class LetterFactsForm(QWidget):
    edited = Signal()  # any fact changed: the dialog previews again once typing pauses

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind_id = ""
        self._today: date | None = None
        self.messages = FieldMessages(self._recheck, self)

        self.placement_address = QPlainTextEdit()
        self.placement_address.setAccessibleName("Placement address")
        self.placement_address.setPlaceholderText("One line of the address on each line")
        self.placement_address.setTabChangesFocus(True)
        self.placement_address.setFixedHeight(84)
        self.placement_ends = DateField()
        self.placement_ends.setAccessibleName("Placement ends on")
        self.warning_step = QLineEdit()
        self.warning_step.setAccessibleName("Step not taken")
        self.warning_step.setPlaceholderText(
            "The required step in the plan the applicant has not taken"
        )
        self.warning_take_by = DateField()
        self.warning_take_by.setAccessibleName("Take the step by")
        self.warning_support = QLineEdit()
        self.warning_support.setAccessibleName("Help offered")
        self.warning_support.setPlaceholderText("The help we offer with the step")
        self.other_council = QLineEdit()
        self.other_council.setAccessibleName("Other council")
        self.other_council.setPlaceholderText("The council the application is referred to")
        self.referral_accommodation = QLineEdit()
        self.referral_accommodation.setAccessibleName("Accommodation meanwhile")
        self.referral_accommodation.setPlaceholderText(
            "Optional: otherwise “Your officer will tell you.”"
        )
        self.referral_travel = QLineEdit()
        self.referral_travel.setAccessibleName("Travel arrangements")
        self.referral_travel.setPlaceholderText("Optional: otherwise “Your officer will tell you.”")

        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._rows: dict[str, QWidget] = {}  # each field with its message, as one row
        for name, text, widget in (
            ("placement_address", "Placement a&ddress", self.placement_address),
            ("placement_ends", "Placement &ends on", self.placement_ends),
            ("warning_step", "Step &not taken", self.warning_step),
            ("warning_take_by", "&Take it by", self.warning_take_by),
            ("warning_support", "Help &offered", self.warning_support),
            ("other_council", "Other &council", self.other_council),
            ("referral_accommodation", "Accommodation &meanwhile", self.referral_accommodation),
            ("referral_travel", "Travel arran&gements", self.referral_travel),
        ):
            label = QLabel(text)
            label.setBuddy(widget)  # Alt+letter moves to the field
            row = self.messages.row(name, widget)
            self._form.addRow(label, row)
            self._rows[name] = row
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.edited)
        # A multi-line box is not one FieldMessages watches by itself.
        self.placement_address.textChanged.connect(self._address_edited)
        self.set_kind("", None)

    def set_kind(self, kind_id: str, today: date | None) -> None:
        """Show the rows the kind's letter needs (none for most letters)."""
        self._kind_id, self._today = kind_id, today
        wanted = facts_for(kind_id)
        for name, row in self._rows.items():
            self._form.setRowVisible(row, name in wanted)
        self.setVisible(bool(wanted))
        self._recheck()

    def needed(self) -> bool:
        return bool(facts_for(self._kind_id))

    def facts(self) -> LetterFacts:
        return LetterFacts(
            placement_address=tuple(self.placement_address.toPlainText().splitlines()),
            placement_ends=self.placement_ends.value(),
            warning_step=self.warning_step.text(),
            warning_take_by=self.warning_take_by.value(),
            warning_support=self.warning_support.text(),
            other_council=self.other_council.text(),
            referral_accommodation=self.referral_accommodation.text(),
            referral_travel=self.referral_travel.text(),
        )

    def problems(self) -> dict[str, str]:
        if self._today is None or not self.needed():
            return {}
        problems = facts_problems(self._kind_id, self.facts(), today=self._today)
        wanted = facts_for(self._kind_id)
        for name, field in (
            ("placement_ends", self.placement_ends),
            ("warning_take_by", self.warning_take_by),
        ):
            if name in wanted and field.problem():
                problems[name] = UNREADABLE_DATE
        return problems

    def reveal_problems(self) -> None:
        """Show every problem, touched or not, and move to the first (the officer tried to go
        on)."""
        self.messages.reveal_all()
        if first := self.messages.first_field_with_problem():
            first.setFocus()

    def _address_edited(self) -> None:
        self.messages.touch("placement_address")
        self._recheck()
        self.edited.emit()

    def _recheck(self) -> None:
        self.messages.set_problems(self.problems())
