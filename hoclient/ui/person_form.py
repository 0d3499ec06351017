"""What the New approach form and the Add member dialog share: a person's fields, checks as
the officer types, and a Save that runs on the writer and asks about possible duplicates."""

import itertools
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.changes import Changes
from hoclient.services.errors import InvalidInput, PossibleDuplicate
from hoclient.services.persons import PersonDetails
from hoclient.services.views import PersonMatch
from hoclient.ui.context import AppContext
from hoclient.ui.date_field import DateField
from hoclient.ui.duplicates import PossibleDuplicateDialog
from hoclient.ui.errors import report_error
from hoclient.ui.field_messages import FieldMessages
from hoclient.vocabulary import Sex

SaveCall = Callable[[], Any]  # a service call, run on the writer thread


def line_edit(placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    return edit


def form_layout() -> QFormLayout:
    layout = QFormLayout()
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    layout.setVerticalSpacing(6)
    return layout


class PersonForm(QDialog):
    """A dialog that saves a person through a service.

    Subclasses add their own fields, then call `_assemble`; they say what is wrong
    (`current_problems`), how to save (`_save_call`) and what a save changes (`_changes`).
    """

    saved = Signal(object)  # the service's view of what was saved

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.messages = FieldMessages(self._recheck, self)
        self.duplicate_dialog: PossibleDuplicateDialog | None = None
        self._saving = False
        self._assembled = False
        self._sized = False

        self.family_name = line_edit(max_length=100)
        self.given_names = line_edit(max_length=150)
        self.previous_family_names = line_edit("e.g. a maiden name; commas between names")
        self.date_of_birth = DateField()
        self.date_of_birth_not_known = QCheckBox("Not known")
        self.sex = QComboBox()
        for sex in Sex:
            self.sex.addItem(sex.value, sex)
        self.sex.setCurrentIndex(self.sex.findData(Sex.NOT_KNOWN))
        self.ni_number = line_edit("AB 12 34 56 C", max_length=13)
        self.phone = line_edit("07700 900123", max_length=30)
        self.email = line_edit("name@example.org")
        self.main_language = line_edit("English")
        self.interpreter_needed = QCheckBox("Needs an interpreter")
        self.nationality = line_edit("British")

        self.problem_summary = QLabel()
        self.problem_summary.setObjectName("problemSummary")
        self.problem_summary.setWordWrap(True)
        self.problem_summary.hide()
        self.save_button = QPushButton("&Save")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.save_button.clicked.connect(self.try_save)
        self.cancel_button.clicked.connect(self.reject)
        self.date_of_birth_not_known.toggled.connect(self._date_of_birth_not_known_toggled)
        self.date_of_birth.date_changed.connect(self._date_of_birth_typed)

    # Each subclass defines these: what is wrong now, how to save, what a save changes.
    current_problems: Callable[[], dict[str, str]]
    _save_call: Callable[[uuid.UUID | None, bool], SaveCall]
    _changes: Callable[[Any], Changes]

    # Building.

    def person_details(self) -> PersonDetails:
        sex = self.sex.currentData()
        return PersonDetails(
            family_name=self.family_name.text(),
            given_names=self.given_names.text(),
            previous_family_names=tuple(
                name.strip() for name in self.previous_family_names.text().split(",")
            ),
            date_of_birth=self.date_of_birth.value(),
            sex=sex if isinstance(sex, Sex) else Sex.NOT_KNOWN,
            ni_number=self.ni_number.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            main_language=self.main_language.text(),
            interpreter_needed=self.interpreter_needed.isChecked(),
            nationality=self.nationality.text(),
        )

    def person_problems_of_form(self) -> dict[str, str]:
        """Problems the form itself sees before any service does: an unreadable date."""
        problem = self.date_of_birth.problem()
        return {"date_of_birth": problem} if problem else {}

    def person_group(self, title: str) -> QGroupBox:
        group = QGroupBox(title)
        layout = form_layout()
        rows: tuple[tuple[str, str, QWidget, tuple[QWidget, ...]], ...] = (
            ("&Family name", "family_name", self.family_name, ()),
            ("&Given names", "given_names", self.given_names, ()),
            ("Pre&vious family names", "previous_family_names", self.previous_family_names, ()),
            (
                "Date of &birth",
                "date_of_birth",
                self.date_of_birth,
                (self.date_of_birth_not_known,),
            ),
            ("Se&x", "sex", self.sex, ()),
            ("&NI number", "ni_number", self.ni_number, ()),
            ("&Phone", "phone", self.phone, ()),
            ("E&mail", "email", self.email, ()),
            ("Main &language", "main_language", self.main_language, (self.interpreter_needed,)),
            ("Na&tionality", "nationality", self.nationality, ()),
        )
        for text, name, widget, beside in rows:
            self.add_row(layout, text, name, widget, *beside)
        group.setLayout(layout)
        return group

    def add_row(
        self, layout: QFormLayout, text: str, name: str, widget: QWidget, *beside: QWidget
    ) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)  # Alt+letter goes to the field
        label.setContentsMargins(0, 5, 0, 0)  # level with the text in the field, not its frame
        layout.addRow(label, self.messages.row(name, widget, *beside))
        return label

    def _assemble(self, columns: list[list[QWidget]]) -> None:
        """Lay out the summary, the field columns (scrolling on a small screen) and buttons."""
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        for groups in columns:
            column = QVBoxLayout()
            for group in groups:
                column.addWidget(group)
            # A stretch, not AlignTop: an aligned widget gets its size hint and no more, so a
            # message that wraps to a third line would be cut off.
            column.addStretch(1)
            row.addLayout(column, 1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setObjectName("formScroll")

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_summary)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        # Tab follows the page, column by column, then Cancel and Save; Qt's default is the
        # order the widgets were made in, which is not the order they are seen in.
        order = [w for groups in columns for group in groups for w in _inputs_in(group.layout())]
        order += [self.cancel_button, self.save_button]
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)
        self._body = body
        self._assembled = True
        self._recheck()

    # Checking as the officer types.

    def _recheck(self) -> None:
        if not self._assembled:
            return
        self.messages.set_problems(self.current_problems())
        self._show_summary()

    def _show_summary(self) -> None:
        """After Save, a line at the top counts the problems; refusals with no field of their
        own are written there too."""
        lines = []
        if self.messages.all_revealed and (shown := len(self.messages.shown())):
            lines.append(_check_these(shown))
        lines.extend(self.messages.unplaced())
        self.problem_summary.setText("\n".join(lines))
        self.problem_summary.setVisible(bool(lines))

    def _date_of_birth_not_known_toggled(self, not_known: bool) -> None:
        if not_known:
            self.date_of_birth.clear()
        self.date_of_birth.setEnabled(not not_known)

    def _date_of_birth_typed(self, born_on: object) -> None:
        if born_on is not None:  # a date given is a date known
            self.date_of_birth_not_known.setChecked(False)

    # Saving.

    def try_save(self) -> None:
        """Save if nothing is wrong; otherwise show every problem and save nothing."""
        if self._saving:
            return
        problems = self.current_problems()
        if problems:
            self.messages.set_problems(problems)
            self.messages.reveal_all()
            self._show_summary()
            first = self.messages.first_field_with_problem()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._start_save(None, confirmed_new=False)

    def _start_save(self, existing_person_id: uuid.UUID | None, *, confirmed_new: bool) -> None:
        self._set_saving(True)
        self.context.change(
            self._save_call(existing_person_id, confirmed_new),
            self._changes,
            self._save_succeeded,
            owner=self,
            on_error=self._save_failed,
        )

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)
        self.save_button.setText("Saving…" if saving else "&Save")

    def _save_succeeded(self, saved: Any) -> None:
        self._set_saving(False)
        self.saved.emit(saved)
        self.accept()

    def _save_failed(self, error: Exception) -> None:
        self._set_saving(False)
        if isinstance(error, PossibleDuplicate):
            self._ask_about_duplicates(error)
        elif isinstance(error, InvalidInput):
            self.messages.set_refused(error.problems)
            self._show_summary()
            first = self.messages.first_field_with_problem()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            report_error(self, error)

    def _ask_about_duplicates(self, error: PossibleDuplicate) -> None:
        dialog = PossibleDuplicateDialog(str(error), error.matches, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.use_person.connect(self._use_existing_person)
        dialog.new_person.connect(lambda: self._start_save(None, confirmed_new=True))
        dialog.finished.connect(self._duplicate_dialog_closed)
        self.duplicate_dialog = dialog
        dialog.open()

    def _use_existing_person(self, match: PersonMatch) -> None:
        self._start_save(match.person_id, confirmed_new=False)

    def _duplicate_dialog_closed(self) -> None:
        self.duplicate_dialog = None

    def showEvent(self, event: QShowEvent) -> None:  # QWidget.showEvent
        if not self._sized:
            # Sized here, once the stylesheet's padding is in the hints: tall enough for every
            # field and a few messages, and never taller than the screen.
            self._sized = True
            hint = self._body.sizeHint()
            screen = self.screen().availableGeometry().height()
            self.resize(hint.width() + 60, min(hint.height() + 140, int(screen * 0.9)))
        super().showEvent(event)

    def reject(self) -> None:  # QDialog.reject: Esc and Cancel
        if not self._saving:  # the write is already under way; its result must be seen
            super().reject()


def _inputs_in(layout: QLayout | None) -> list[QWidget]:
    """The widgets that take the keyboard, in the order the layout shows them."""
    found: list[QWidget] = []
    items = (layout.itemAt(index) for index in range(layout.count())) if layout else ()
    for item in items:
        if item is None:
            continue
        widget = item.widget()
        if item.layout() is not None:
            found += _inputs_in(item.layout())
        elif widget is not None and widget.layout() is not None:
            found += _inputs_in(widget.layout())
        elif widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
    return found


def _check_these(count: int) -> str:
    if count == 1:
        return "Correct the answer marked below before saving."
    return f"Correct the {count} answers marked below before saving."
