"""The Duties tab: the duty owed and since when, every clock, the decisions so far, and the
decisions the law allows now, each a button that opens its form.

Everything shown comes from the service's DutyView (services.decisions.duty_view): the tab
never decides which decision is lawful, it offers what the engine listed.
"""

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.changes import Changes
from hoclient.services.decision_labels import ACTION_WORDS
from hoclient.services.decisions import authorise_decision, duty_view
from hoclient.services.duty_views import (
    ClockView,
    DecisionStatus,
    DecisionView,
    DutyView,
    NextAction,
)
from hoclient.services.letter_context import LetterRefused, OfferedLetter
from hoclient.services.letters import letters_offered
from hoclient.ui.context import AppContext
from hoclient.ui.decision_form import DecisionForm
from hoclient.ui.errors import report_error
from hoclient.ui.formatting import uk_date
from hoclient.ui.table_model import AnyIndex, Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view
from hoclient.ui.windows import bring_to_front, give_keyboard_back

AWAITING = "Awaiting authorisation by a senior officer"
# GOV.UK palette (resources/hoclient.qss): red for overdue, yellow for due within 7 days.
OVERDUE_BACKGROUND = QColor("#f6d7d2")
OVERDUE_TEXT = QColor("#942514")
DUE_SOON_BACKGROUND = QColor("#fff7bf")


def days_left_text(days_left: int) -> str:
    """Words as well as colour: the state of a clock must read without the colours."""
    if days_left < 0:
        late = -days_left
        return f"Overdue by {late} day{'s' if late != 1 else ''}"
    if days_left == 0:
        return "Due today"
    left = f"{days_left} day{'s' if days_left != 1 else ''} left"
    return f"Soon: {left}" if days_left <= 7 else left


def clock_colours(overdue: bool, due_soon: bool, role: int) -> Any:
    if role == Qt.ItemDataRole.BackgroundRole:
        if overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if due_soon:
            return QBrush(DUE_SOON_BACKGROUND)
    if role == Qt.ItemDataRole.ForegroundRole and overdue:
        return QBrush(OVERDUE_TEXT)
    return None


def _status_text(entry: DecisionView) -> str:
    if entry.status is DecisionStatus.PENDING:
        return AWAITING
    if entry.status is DecisionStatus.CORRECTED:
        return "Replaced by a correction"
    if entry.status is DecisionStatus.STRIKES_OUT:
        return "Strikes out an earlier record"
    if entry.authorised_by_name:
        return f"Authorised by {entry.authorised_by_name}"
    return ""


def _notified_text(entry: DecisionView) -> str:
    return "Same day" if entry.notified_on == entry.decided_on else uk_date(entry.notified_on)


TIMELINE_COLUMNS: tuple[Column[DecisionView], ...] = (
    Column("Decided", lambda entry: uk_date(entry.decided_on)),
    Column("What", lambda entry: entry.label),
    Column("Section", lambda entry: (entry.legal_basis or "").removeprefix("HA 1996 ")),
    Column("By", lambda entry: entry.decided_by_name),
    Column("Notified", _notified_text),
    Column("Status", _status_text),
    Column("Reasons", lambda entry: entry.reasons or ""),
)
CLOCK_COLUMNS: tuple[Column[ClockView], ...] = (
    Column("Clock", lambda clock: clock.label),
    Column("Last day", lambda clock: uk_date(clock.due_on)),
    Column("Days left", lambda clock: days_left_text(clock.days_left)),
    Column("Basis", lambda clock: clock.basis),
)


class TimelineModel(RowsModel[DecisionView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(TIMELINE_COLUMNS, parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index.row()) if index.isValid() else None
        if entry is not None:
            if role == Qt.ItemDataRole.BackgroundRole and entry.status is DecisionStatus.PENDING:
                return QBrush(DUE_SOON_BACKGROUND)  # waiting on someone: it should stand out
            if role == Qt.ItemDataRole.ForegroundRole and entry.status in (
                DecisionStatus.CORRECTED,
                DecisionStatus.STRIKES_OUT,
            ):
                return QBrush(QColor("#6b6b6b"))  # kept, plainly no longer the last word
        return super().data(index, role)


class ClocksModel(RowsModel[ClockView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(CLOCK_COLUMNS, parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        clock = self.row_at(index.row()) if index.isValid() else None
        if clock is not None and (colour := clock_colours(clock.overdue, clock.due_soon, role)):
            return colour
        return super().data(index, role)


def action_groups(actions: tuple[NextAction, ...]) -> list[tuple[str, list[NextAction]]]:
    """One button per kind of decision, in the engine's order; the form offers the lawful
    choices within it (the ways a duty may end now, priority need or not...)."""
    groups: dict[str, list[NextAction]] = {}
    for action in actions:
        groups.setdefault(action.template.what, []).append(action)
    return list(groups.items())


class DutiesTab(QWidget):
    decision_saved = Signal(object)  # the DecisionView recorded or authorised
    loaded = Signal()  # the view on screen is the latest
    letter_wanted = Signal(object, str)  # (decision id, letter kind id): the case window opens it

    def __init__(
        self, context: AppContext, case_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.view_shown: DutyView | None = None
        self.decision_form: DecisionForm | None = None
        self.action_buttons: dict[str, QPushButton] = {}
        self.authorise_buttons: dict[uuid.UUID, QPushButton] = {}
        self.letters_by_decision: dict[uuid.UUID, OfferedLetter] = {}

        self.duty_label = QLabel()
        self.duty_label.setObjectName("dutyNow")
        self.duty_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings_label = QLabel()
        self.findings_label.setObjectName("countLabel")
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemSummary")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()

        self.clocks_model = ClocksModel(self)
        self.clocks_view = table_view()
        self.clocks_view.setModel(self.clocks_model)
        self.clocks_view.setAccessibleName("Clocks, soonest first")
        set_column_widths(
            self.clocks_view,
            {0: "B&B: family must have left by", 1: "30 Sep 2026", 2: "Overdue by 300 days"},
        )
        self.no_clocks = QLabel("No clock is running on this case today.")
        self.no_clocks.setObjectName("emptyHint")

        self.pending_box = QWidget()
        self.pending_layout = QVBoxLayout(self.pending_box)
        self.pending_layout.setContentsMargins(0, 0, 0, 0)

        self.actions_box = QWidget()
        self.actions_layout = QGridLayout(self.actions_box)
        self.actions_layout.setContentsMargins(0, 0, 0, 0)
        self.no_actions = QLabel()
        self.no_actions.setObjectName("emptyHint")
        self.no_actions.setWordWrap(True)

        self.timeline_model = TimelineModel(self)
        self.timeline_view = table_view()
        self.timeline_view.setModel(self.timeline_model)
        self.timeline_view.setWordWrap(True)
        self.timeline_view.setAccessibleName("Decisions, oldest first")
        self.timeline_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        set_column_widths(
            self.timeline_view,
            {
                0: "30 Sep 2026",
                1: "Prevention duty ended: became homeless",
                2: "s195(8)(b)",
                3: "Christopher Fitz",
                4: "30 Sep 2026",
                5: "Authorised by Sam Senior",
            },
        )

        self.issue_letter_button = QPushButton("Issue &letter for this decision…")
        self.issue_letter_button.setToolTip(
            "Preview and issue the letter that notifies the selected decision"
        )
        self.issue_letter_button.setEnabled(False)
        self.issue_letter_button.clicked.connect(self.issue_letter_for_selected)
        self.timeline_view.selectionModel().selectionChanged.connect(self._timeline_selected)
        self.timeline_model.modelReset.connect(self._timeline_selected)

        def heading(text: str) -> QLabel:
            label = QLabel(text)
            label.setObjectName("sectionHeading")
            return label

        top = QHBoxLayout()
        top.addWidget(self.duty_label, 1)
        top.addWidget(self.findings_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.pending_box)
        layout.addWidget(heading("Clocks"))
        layout.addWidget(self.clocks_view)
        layout.addWidget(self.no_clocks)
        layout.addWidget(heading("What can be decided now"))
        layout.addWidget(self.actions_box)
        layout.addWidget(self.no_actions)
        decisions_heading = QHBoxLayout()
        decisions_heading.addWidget(heading("Decisions so far"))
        decisions_heading.addStretch(1)
        decisions_heading.addWidget(self.issue_letter_button)
        layout.addLayout(decisions_heading)
        layout.addWidget(self.timeline_view, 1)
        self.reload()

    def reload(self) -> None:
        """Ask the service again. One case's records replayed take a few ms (benchmarks/), so
        this stays on the UI thread, like the household and the notes."""
        try:
            view = duty_view(
                self.context.store, self.context.officer, self.case_id, as_of=self.context.today()
            )
            offered = letters_offered(self.context.store, self.context.officer, self.case_id)
        except LetterRefused:
            offered = []  # the records do not replay: the view says why, and offers nothing
        except Exception as error:  # NotFound, or a bug: said, never swallowed
            report_error(self.window(), error)
            return
        self.letters_by_decision = {
            letter.decision_id: letter for letter in offered if letter.decision_id is not None
        }
        self.show_view(view)

    def show_view(self, view: DutyView) -> None:
        self.view_shown = view
        since = f", since {uk_date(view.duty_since)}" if view.duty_since else ""
        basis = f" ({view.duty_basis})" if view.duty_basis else ""
        self.duty_label.setText(f"{view.duty_label}{since}{basis}")
        self.findings_label.setText(self._findings(view))
        self.problem_label.setText(view.problem or "")
        self.problem_label.setVisible(view.problem is not None)

        self.clocks_model.set_rows(view.clocks)
        rows = max(len(view.clocks), 1)
        header = self.clocks_view.horizontalHeader().sizeHint().height()
        self.clocks_view.setFixedHeight(header + rows * self.clocks_view.rowHeight(0) + 4)
        self.clocks_view.setVisible(bool(view.clocks))
        self.no_clocks.setVisible(not view.clocks)

        self.timeline_model.set_rows(view.timeline)
        # The latest decisions are the ones acted on; rows take their heights when laid out.
        QTimer.singleShot(0, self.timeline_view, self.timeline_view.scrollToBottom)
        self._show_pending(view)
        self._show_actions(view)
        self.loaded.emit()

    @staticmethod
    def _findings(view: DutyView) -> str:
        parts = []
        if view.priority_need is not None:
            parts.append("In priority need" if view.priority_need else "Not in priority need")
        if view.intentionally_homeless is not None:
            parts.append(
                "intentionally homeless"
                if view.intentionally_homeless
                else "not intentionally homeless"
            )
        if view.bed_and_breakfast_nights:
            parts.append(f"{view.bed_and_breakfast_nights} nights in B&B")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def _show_pending(self, view: DutyView) -> None:
        _clear(self.pending_layout)
        self.authorise_buttons = {}
        for entry in view.pending:
            line = QWidget()
            line.setObjectName("pendingDecision")
            line.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
            row = QHBoxLayout(line)
            text = QLabel(
                f"<b>{AWAITING}</b>: {entry.label}, decided {uk_date(entry.decided_on)} "
                f"by {entry.decided_by_name}."
            )
            text.setWordWrap(True)
            button = QPushButton("&Authorise")
            button.setToolTip(
                "Authorise as a senior officer who took no part in the decision "
                "(SI 2018/223 regs 2–3)"
            )
            button.clicked.connect(
                lambda _checked=False, decision_id=entry.decision_id: self.authorise(decision_id)
            )
            row.addWidget(text, 1)
            row.addWidget(button)
            self.pending_layout.addWidget(line)
            self.authorise_buttons[entry.decision_id] = button
        self.pending_box.setVisible(bool(view.pending))

    def _show_actions(self, view: DutyView) -> None:
        _clear(self.actions_layout)
        self.action_buttons = {}
        groups = action_groups(view.next_actions)
        columns = 3
        for number, (what, actions) in enumerate(groups):
            single = len(actions) == 1
            text = actions[0].label if single else ACTION_WORDS[what]
            button = QPushButton(f"{text}…")
            if single and actions[0].legal_basis:
                button.setToolTip(actions[0].legal_basis)
            button.clicked.connect(self._opener(actions))
            self.actions_layout.addWidget(button, number // columns, number % columns)
            self.action_buttons[what] = button
        if view.problem is not None:
            self.no_actions.setText(
                "No decision can be offered until the records above make a lawful history."
            )
        elif not groups:
            self.no_actions.setText(
                "No decision can be recorded today: the last record is dated after today."
            )
        self.no_actions.setVisible(not groups)

    # Letters.

    def selected_decision(self) -> DecisionView | None:
        rows = self.timeline_view.selectionModel().selectedRows()
        return self.timeline_model.row_at(rows[0].row()) if rows else None

    def _timeline_selected(self) -> None:
        entry = self.selected_decision()
        letter = self.letters_by_decision.get(entry.decision_id) if entry else None
        self.issue_letter_button.setEnabled(letter is not None)
        self.issue_letter_button.setToolTip(
            f"Preview and issue “{letter.title}”"
            if letter
            else "The selected record is not notified by a letter of its own"
        )

    def issue_letter_for_selected(self) -> None:
        entry = self.selected_decision()
        letter = self.letters_by_decision.get(entry.decision_id) if entry else None
        if entry is not None and letter is not None:
            self.letter_wanted.emit(entry.decision_id, letter.kind_id)

    def _opener(self, actions: list[NextAction]) -> Callable[[], None]:
        what = actions[0].template.what

        def open_form() -> None:
            self.open_decision(what)

        return open_form

    # Deciding.

    def open_decision(self, what: str) -> DecisionForm | None:
        """Open the form for a kind of decision the law allows now; None if it does not."""
        if self.decision_form is not None:
            bring_to_front(self.decision_form)
            return self.decision_form
        view = self.view_shown
        actions = [a for a in view.next_actions if a.template.what == what] if view else []
        if not actions:
            return None
        form = DecisionForm(self.context, self.case_id, actions, self.window())
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self.decision_saved.emit)
        form.finished.connect(self._form_closed)
        self.decision_form = form
        form.open()
        return form

    def _form_closed(self) -> None:
        self.decision_form = None
        give_keyboard_back(self.window())

    def authorise(self, decision_id: uuid.UUID) -> None:
        """The service judges the officer (senior, took no part) and the law again."""
        button = self.authorise_buttons.get(decision_id)
        if button is not None:
            button.setEnabled(False)
        context, case_id = self.context, self.case_id

        def refused(error: Exception) -> None:
            if button is not None:
                button.setEnabled(True)
            report_error(self.window(), error)

        context.change(
            lambda: authorise_decision(context.store, context.officer, decision_id),
            lambda _view: Changes(cases=True, case_id=case_id),
            self.decision_saved.emit,
            owner=self,
            on_error=refused,
        )


def _clear(layout: QGridLayout | QVBoxLayout) -> None:
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            widget.hide()  # deleted at the next turn of the event loop; gone from view now
            widget.deleteLater()
