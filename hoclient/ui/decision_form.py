"""A decision form: the dates, the choice and the reasons one kind of decision needs.

The form offers only what the Duties tab was given as lawful now (the service's next actions),
checks what the officer types through the service (decision_problems), and leaves the law to
record_decision: if the engine refuses, its reason is shown here and nothing is saved.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hoclient.casework.case_events import NoticeKind, PlacementKind, Reviewer, ReviewOutcome
from hoclient.services.changes import Changes
from hoclient.services.decision_labels import (
    ACTION_WORDS,
    NOTICE_WORDS,
    OUTCOME_WORDS,
    PLACEMENT_WORDS,
    REVIEWER_WORDS,
)
from hoclient.services.decisions import decision_problems, record_decision
from hoclient.services.duty_views import DecisionInput, DecisionView, NextAction
from hoclient.services.errors import InvalidInput, ServiceError
from hoclient.ui.context import AppContext
from hoclient.ui.date_field import UNREADABLE_DATE, DateField
from hoclient.ui.errors import report_error
from hoclient.ui.field_messages import FieldMessages
from hoclient.ui.person_form import form_layout

# The service names a choice by what it holds; the form shows them all in one list.
CHOICE_FIELDS = ("reason", "priority_need", "intentional", "refers_to_decision_id", "what")
SECOND_OFFICER_NOTE = (
    "This decision waits for a senior officer who took no part in it to authorise it "
    "(SI 2018/223 regs 2–3). Until then it changes nothing on the case."
)


def choice_text(action: NextAction) -> str:
    """What distinguishes one action of a group: "End the relief duty: refused a final offer"
    reads "Refused a final offer" in the form's list."""
    base = ACTION_WORDS[action.template.what]
    detail = action.label.removeprefix(base).removeprefix(":").strip()
    return detail[:1].upper() + detail[1:] if detail else base


E = TypeVar("E", bound=Enum)


def _enum_combo(words: Mapping[E, str], accessible: str) -> QComboBox:
    combo = QComboBox()
    for value, text in words.items():
        combo.addItem(text[:1].upper() + text[1:], value)
    combo.setPlaceholderText("Choose")
    combo.setCurrentIndex(-1)
    combo.setAccessibleName(accessible)
    return combo


class DecisionForm(QDialog):
    """Records one decision of the kind `actions` share (same `template.what`)."""

    saved = Signal(object)  # the DecisionView recorded

    def __init__(
        self,
        context: AppContext,
        case_id: uuid.UUID,
        actions: Sequence[NextAction],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.offered = tuple(actions)
        self.what = self.offered[0].template.what
        self._saving = False
        self.setWindowTitle(ACTION_WORDS[self.what])
        self.messages = FieldMessages(self._recheck, self)

        self.heading = QLabel(ACTION_WORDS[self.what])
        self.heading.setObjectName("pageTitle")
        self.basis_label = QLabel()
        self.basis_label.setObjectName("countLabel")
        self.refusal = QLabel()
        self.refusal.setObjectName("problemSummary")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.second_officer_note = QLabel(SECOND_OFFICER_NOTE)
        self.second_officer_note.setObjectName("correctingBanner")
        self.second_officer_note.setWordWrap(True)
        self.second_officer_note.setVisible(any(a.needs_second_officer for a in self.offered))

        layout = form_layout()
        # Only where there is a choice: a decision with one lawful form needs no list.
        self.choice: QComboBox | None = None
        if len(self.offered) > 1 or choice_text(self.offered[0]) != ACTION_WORDS[self.what]:
            self.choice = QComboBox()
            self.choice.setAccessibleName("Decision")
            for action in self.offered:
                self.choice.addItem(choice_text(action), action.action_id)
            if len(self.offered) > 1:
                self.choice.setPlaceholderText("Choose")
                self.choice.setCurrentIndex(-1)
            self._add_row(layout, "&Decision", "choice", self.choice)

        self.notice_kind = _enum_combo(NOTICE_WORDS, "Kind of notice")
        self.notice_expires_on = DateField()
        self.reviewer = _enum_combo(REVIEWER_WORDS, "Who reviews")
        self.outcome = _enum_combo(OUTCOME_WORDS, "Outcome")
        self.placement_kind = _enum_combo(PLACEMENT_WORDS, "Kind of accommodation")
        self.placement_name = QLineEdit()
        self.placement_name.setPlaceholderText("Left blank, it is named P1, P2…")
        self.placement_name.setMaxLength(40)
        if self.what == "notice_to_quit":
            self._add_row(layout, "&Kind of notice", "notice_kind", self.notice_kind)
            self._add_row(layout, "Notice e&xpires", "notice_expires_on", self.notice_expires_on)
        elif self.what == "review_requested":
            self._add_row(layout, "Re&viewed by", "reviewer", self.reviewer)
        elif self.what == "review_decided":
            self._add_row(layout, "&Outcome", "outcome", self.outcome)
        elif self.what == "placement_started":
            self._add_row(layout, "&Kind of accommodation", "placement_kind", self.placement_kind)
            self._add_row(layout, "&Placement name", "placement", self.placement_name)

        self.decided_on = DateField()
        self.decided_on.setDate(context.today())
        self.decided_on.setAccessibleName("Date decided")
        self.notified_on = DateField()
        self.notified_on.setPlaceholderText("dd/mm/yyyy — blank: the same day")
        self.notified_on.setAccessibleName("Date notified")
        self._add_row(layout, "Da&te decided", "decided_on", self.decided_on)
        self._add_row(layout, "Date &notified", "notified_on", self.notified_on)
        self.reasons = QPlainTextEdit()
        self.reasons.setTabChangesFocus(True)
        self.reasons.setAccessibleName("Reasons")
        self.reasons.setMinimumHeight(90)
        self.reasons_label = self._add_row(layout, "&Reasons", "reasons", self.reasons)
        # FieldMessages follows line edits and lists by itself; a text box is told here.
        self.reasons.textChanged.connect(self._reasons_edited)

        self.save_button = QPushButton("&Save decision")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.save_button.clicked.connect(self.try_save)
        self.cancel_button.clicked.connect(self.reject)
        if self.choice is not None:
            self.choice.currentIndexChanged.connect(self._choice_changed)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        title_row = QHBoxLayout()
        title_row.addWidget(self.heading)
        title_row.addStretch(1)
        title_row.addWidget(self.basis_label)
        outer.addLayout(title_row)
        outer.addWidget(self.refusal)
        outer.addWidget(self.second_officer_note)
        outer.addLayout(layout)
        outer.addStretch(1)
        outer.addLayout(buttons)
        self._choice_changed()
        self.resize(560, self.sizeHint().height())
        first = self.choice if self.choice is not None else self.decided_on
        first.setFocus()

    def _add_row(self, layout: QFormLayout, text: str, name: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)  # Alt+letter goes to the field
        label.setContentsMargins(0, 5, 0, 0)
        layout.addRow(label, self.messages.row(name, widget))
        return label

    # What is chosen.

    def chosen_action(self) -> NextAction | None:
        if self.choice is None:
            return self.offered[0]
        index = self.choice.currentIndex()
        return self.offered[index] if index >= 0 else None

    def decision(self) -> DecisionInput:
        """The decision as typed: the chosen action's template with the form's answers.
        A blank or unreadable date reads as today; current_problems says so."""
        action = self.chosen_action() or self.offered[0]
        decision = replace(
            action.template,
            decided_on=self.decided_on.value() or self.context.today(),
            notified_on=self.notified_on.value(),
            reasons=self.reasons.toPlainText(),
        )
        if self.what == "notice_to_quit":
            kind = self.notice_kind.currentData()
            decision = replace(
                decision,
                notice_kind=kind if isinstance(kind, NoticeKind) else None,
                notice_expires_on=self.notice_expires_on.value(),
            )
        elif self.what == "review_requested":
            reviewer = self.reviewer.currentData()
            decision = replace(
                decision, reviewer=reviewer if isinstance(reviewer, Reviewer) else None
            )
        elif self.what == "review_decided":
            outcome = self.outcome.currentData()
            decision = replace(
                decision, outcome=outcome if isinstance(outcome, ReviewOutcome) else None
            )
        elif self.what == "placement_started":
            kind = self.placement_kind.currentData()
            decision = replace(
                decision,
                placement_kind=kind if isinstance(kind, PlacementKind) else None,
                placement=self.placement_name.text().strip() or None,
            )
        return decision

    def current_problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        for name, field in (("decided_on", self.decided_on), ("notified_on", self.notified_on)):
            if field.problem():
                problems[name] = UNREADABLE_DATE
        if self.decided_on.is_blank():
            problems["decided_on"] = "Enter the date of the decision."
        if self.chosen_action() is None:
            problems["choice"] = "Choose the decision."
            return problems
        for name, problem in decision_problems(self.decision(), today=self.context.today()).items():
            problems.setdefault("choice" if name in CHOICE_FIELDS else name, problem)
        return problems

    def _choice_changed(self) -> None:
        action = self.chosen_action()
        required = action is not None and action.reasons_required
        self.reasons_label.setText("&Reasons (required)" if required else "&Reasons")
        self.reasons.setPlaceholderText(
            "Why: this decision goes against the applicant, so its reasons are required."
            if required
            else "Optional: anything the record should say."
        )
        self.basis_label.setText(action.legal_basis or "" if action else "")
        self._recheck()

    def _reasons_edited(self) -> None:
        self.refusal.hide()
        self.messages.touch("reasons")
        self._recheck()

    def _recheck(self) -> None:
        self.refusal.hide()
        self.messages.set_problems(self.current_problems())

    # Saving.

    def try_save(self) -> None:
        """Save if nothing is wrong; otherwise show every problem and save nothing."""
        if self._saving:
            return
        problems = self.current_problems()
        if problems:
            self.messages.set_problems(problems)
            self.messages.reveal_all()
            first = self.messages.first_field_with_problem()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        context, case_id, decision = self.context, self.case_id, self.decision()
        today = context.today()
        self._set_saving(True)
        context.change(
            lambda: record_decision(context.store, context.officer, case_id, decision, today=today),
            lambda _view: Changes(cases=True, case_id=case_id),
            self._saved,
            owner=self,
            on_error=self._refused,
        )

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)
        self.save_button.setText("Saving…" if saving else "&Save decision")

    def _saved(self, view: DecisionView) -> None:
        self._set_saving(False)
        self.saved.emit(view)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._set_saving(False)
        if isinstance(error, InvalidInput):
            self.messages.set_refused(
                {
                    ("choice" if name in CHOICE_FIELDS else name): text
                    for name, text in error.problems.items()
                }
            )
        elif isinstance(error, ServiceError):
            # The engine's reason (or a role limit), in its own words: nothing was saved.
            self.refusal.setText(f"Not saved. {error}")
            self.refusal.show()
        else:
            report_error(self, error)

    def reject(self) -> None:  # QDialog.reject: Esc and Cancel
        if not self._saving:  # the write is under way; its result must be seen
            super().reject()
