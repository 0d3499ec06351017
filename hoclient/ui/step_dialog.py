"""Add or change one step of the Personalised Housing Plan.

The officer picks a wording from the step library (resources/php_steps.toml) for the
household's situation, then edits it; or writes a step of their own. Saving makes a new
version of the plan (services/housing_plans.py).
"""

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.changes import Changes
from hoclient.services.errors import InvalidInput, ServiceError
from hoclient.services.housing_plans import (
    PlanVersionView,
    StepInput,
    StepView,
    add_step,
    edit_step,
    step_problems,
)
from hoclient.services.step_library import LibraryStep, Situation, step_library
from hoclient.ui.context import AppContext
from hoclient.ui.date_field import UNREADABLE_DATE, DateField
from hoclient.ui.errors import report_error
from hoclient.ui.field_messages import FieldMessages
from hoclient.ui.person_form import form_layout
from hoclient.vocabulary import PlanStepKind, PlanStepStatus

KIND_SHORT = {
    PlanStepKind.APPLICANT_REQUIRED: "Applicant (required)",
    PlanStepKind.COUNCIL: "Council",
    PlanStepKind.ADVISED: "Advised",
}


class StepDialog(QDialog):
    saved = Signal(object)  # the PlanVersionView the step made

    def __init__(
        self,
        context: AppContext,
        case_id: uuid.UUID,
        based_on: uuid.UUID | None,
        editing: StepView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.based_on = based_on
        self.editing = editing
        self._library_id: str | None = editing.library_id if editing else None
        self._saving = False
        self.setWindowTitle("Change a step" if editing else "Add a step to the plan")
        self.messages = FieldMessages(self._recheck, self)
        self.refusal = QLabel()
        self.refusal.setObjectName("problemSummary")
        self.refusal.setWordWrap(True)
        self.refusal.hide()

        self.situations: tuple[Situation, ...] = ()
        try:
            self.situations = step_library()
        except ServiceError as error:  # the council's file is broken: say so, write by hand
            self.refusal.setText(str(error))
            self.refusal.show()
        self.situation = QComboBox()
        self.situation.setAccessibleName("Situation")
        for situation in self.situations:
            self.situation.addItem(situation.title, situation.situation_id)
        self.wordings = QListWidget()
        self.wordings.setAccessibleName("Wordings for the situation")
        self.wordings.setWordWrap(True)
        self.wordings.setMinimumHeight(140)
        self.wordings.setSpacing(3)
        self.use_wording_button = QPushButton("&Use this wording")
        self.use_wording_button.setToolTip("Copy the wording into the step below, to edit")

        self.kind = QComboBox()
        self.kind.setAccessibleName("Which list")
        for kind in PlanStepKind:
            self.kind.addItem(kind.value, kind)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Step")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(70)
        self.text.setPlaceholderText("What will be done, in words the applicant understands.")
        self.owner = QLineEdit()
        self.owner.setMaxLength(100)
        self.owner.setPlaceholderText("Who takes the step")
        self.due_on = DateField()
        self.due_on.setPlaceholderText("dd/mm/yyyy — blank: no date")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status in PlanStepStatus:
            self.status.addItem(status.value, status)

        library = form_layout()
        library.addRow(self._label("S&ituation", self.situation), self.situation)
        library.addRow(self._label("&Wordings", self.wordings), self.wordings)
        use_row = QHBoxLayout()
        use_row.addStretch(1)
        use_row.addWidget(self.use_wording_button)
        library.addRow(use_row)
        form = form_layout()
        self._add_row(form, "&List", "kind", self.kind)
        self._add_row(form, "S&tep", "text", self.text)
        self._add_row(form, "&Who", "owner", self.owner)
        self._add_row(form, "&Due by", "due_on", self.due_on)
        status_label = self._add_row(form, "St&atus", "status", self.status)
        status_label.setVisible(editing is not None)
        self.status.setVisible(editing is not None)

        self.save_button = QPushButton("&Save step")
        self.save_button.setDefault(True)
        cancel = QPushButton("Cancel")
        self.save_button.clicked.connect(self.try_save)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refusal)
        if editing is None:
            heading = QLabel("From the step library")
            heading.setObjectName("sectionHeading")
            layout.addWidget(heading)
            layout.addLayout(library)
        heading = QLabel("The step")
        heading.setObjectName("sectionHeading")
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.situation.currentIndexChanged.connect(self._situation_chosen)
        self.use_wording_button.clicked.connect(self.use_wording)
        self.wordings.itemActivated.connect(lambda _item: self.use_wording())
        self.text.textChanged.connect(self._text_edited)
        self.due_on.textChanged.connect(lambda _text: self._recheck())
        if editing is not None:
            self.kind.setCurrentIndex(self.kind.findData(editing.kind))
            self.text.setPlainText(editing.text)
            self.owner.setText(editing.owner)
            if editing.due_on:
                self.due_on.setDate(editing.due_on)
            self.status.setCurrentIndex(self.status.findData(editing.status))
            self.text.setFocus()
        else:
            self._situation_chosen()
            self.situation.setFocus()
        self.resize(620, self.sizeHint().height())

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _add_row(self, form: QFormLayout, text: str, name: str, widget: QWidget) -> QLabel:
        label = self._label(text, widget)
        label.setContentsMargins(0, 5, 0, 0)
        form.addRow(label, self.messages.row(name, widget))
        return label

    # The library.

    def select_situation(self, situation_id: str) -> None:
        self.situation.setCurrentIndex(self.situation.findData(situation_id))

    def select_wording(self, library_id: str) -> None:
        for row in range(self.wordings.count()):
            step = self.wordings.item(row).data(Qt.ItemDataRole.UserRole)
            if isinstance(step, LibraryStep) and step.library_id == library_id:
                self.wordings.setCurrentRow(row)
                return
        raise KeyError(library_id)

    def _situation_chosen(self) -> None:
        self.wordings.clear()
        index = self.situation.currentIndex()
        if not 0 <= index < len(self.situations):
            return
        for step in self.situations[index].steps:
            item = QListWidgetItem(f"{KIND_SHORT[step.kind]}: {step.text}")
            item.setData(Qt.ItemDataRole.UserRole, step)
            self.wordings.addItem(item)
        self.wordings.setCurrentRow(0)

    def use_wording(self) -> None:
        item = self.wordings.currentItem()
        step = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not isinstance(step, LibraryStep):
            return
        self.kind.setCurrentIndex(self.kind.findData(step.kind))
        self.text.setPlainText(step.text)
        self.owner.setText(step.owner)
        due_on = step.due_on(self.context.today())
        if due_on is None:
            self.due_on.clear()
        else:
            self.due_on.setDate(due_on)
        self._library_id = step.library_id
        self.text.moveCursor(QTextCursor.MoveOperation.End)  # to go on typing at the end
        self.text.setFocus()

    # Checks and saving.

    def step(self) -> StepInput:
        kind = self.kind.currentData()
        status = self.status.currentData()
        return StepInput(
            kind=kind if isinstance(kind, PlanStepKind) else PlanStepKind.APPLICANT_REQUIRED,
            text=self.text.toPlainText(),
            owner=self.owner.text(),
            due_on=self.due_on.value(),
            status=status if isinstance(status, PlanStepStatus) else PlanStepStatus.OPEN,
            library_id=self._library_id,
        )

    def current_problems(self) -> dict[str, str]:
        problems = step_problems(self.step())
        if self.due_on.problem():
            problems["due_on"] = UNREADABLE_DATE
        return problems

    def _text_edited(self) -> None:
        self.messages.touch("text")
        self._recheck()

    def _recheck(self) -> None:
        self.messages.set_problems(self.current_problems())

    def try_save(self) -> None:
        if self._saving:
            return
        if problems := self.current_problems():
            self.messages.set_problems(problems)
            self.messages.reveal_all()
            if first := self.messages.first_field_with_problem():
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        context, case_id, step, based_on = self.context, self.case_id, self.step(), self.based_on
        today = context.today()
        editing = self.editing
        work: Callable[[], PlanVersionView]
        if editing is None:

            def work() -> PlanVersionView:
                return add_step(
                    context.store, context.officer, case_id, step, today=today, based_on=based_on
                )
        else:

            def work() -> PlanVersionView:
                return edit_step(
                    context.store,
                    context.officer,
                    case_id,
                    editing.step_key,
                    step,
                    today=today,
                    based_on=based_on,
                )

        self._saving = True
        self.save_button.setEnabled(False)
        context.change(
            work,
            lambda _version: Changes(plan=True, case_id=case_id),
            self._saved,
            owner=self,
            on_error=self._refused,
        )

    def _saved(self, version: PlanVersionView) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.saved.emit(version)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, InvalidInput):
            self.messages.set_refused(error.problems)
            if unplaced := self.messages.unplaced():
                self.refusal.setText("Not saved. " + " ".join(unplaced))
                self.refusal.show()
        elif isinstance(error, ServiceError):
            self.refusal.setText(f"Not saved. {error}")
            self.refusal.show()
        else:
            report_error(self, error)

    def reject(self) -> None:  # QDialog.reject: Esc and Cancel
        if not self._saving:
            super().reject()
