"""The PHP tab: the Personalised Housing Plan's three step lists, whether they were agreed,
and every version of the plan (s189A(4)-(11)).

Each change (a step added or edited, a status, agreement) is saved at once as a new version
by the service; the versions list shows them all. When the plan changed after a version was
given to the applicant, the banner says the applicant must be told, and offers the letter.
"""

import html
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.changes import Changes
from hoclient.services.errors import InvalidInput, ServiceError
from hoclient.services.housing_plans import (
    PlanRecord,
    PlanVersionView,
    StepView,
    agreement_problems,
    plan_of,
    record_agreement,
    record_plan_given,
    set_step_status,
)
from hoclient.ui.context import AppContext
from hoclient.ui.errors import report_error
from hoclient.ui.formatting import london_time, uk_date, uk_date_or
from hoclient.ui.step_dialog import StepDialog
from hoclient.ui.table_model import Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view
from hoclient.ui.windows import bring_to_front, give_keyboard_back
from hoclient.vocabulary import PlanAgreement, PlanStepKind, PlanStepStatus

ADD_STEP_SHORTCUT = "Ctrl+Shift+P"
NO_LETTER_YET = "PHP letters are issued from the Letters tab, which is not built yet"
LIST_HEADINGS = {
    PlanStepKind.APPLICANT_REQUIRED: "Steps the applicant is required to take (s189A(4)(a))",
    PlanStepKind.COUNCIL: "Steps the council will take (s189A(4)(b))",
    PlanStepKind.ADVISED: "Steps advised, not required: never a ground to end a duty",
}
NOT_AGREED_HEADING = (
    "Steps the council considers it reasonable to require of the applicant (s189A(6)(b))"
)

STEP_COLUMNS: tuple[Column[StepView], ...] = (
    Column("Step", lambda step: step.text),
    Column("Who", lambda step: step.owner),
    Column("Due by", lambda step: uk_date_or(step.due_on, "")),
    Column("Status", lambda step: step.status.value),
)


VERSION_COLUMNS: tuple[Column[PlanVersionView], ...] = (
    Column("No.", lambda v: str(v.number), centred=True),
    Column("Made", lambda v: london_time(v.made_at)),
    Column("Given", lambda v: uk_date_or(v.notified_on, "")),
    Column("Change", lambda v: v.change),
)


class StepsModel(RowsModel[StepView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(STEP_COLUMNS, parent)


class PlanVersionsModel(RowsModel[PlanVersionView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(VERSION_COLUMNS, parent)


def version_html(version: PlanVersionView) -> str:
    """One version of the plan as it stood, for the officer to read back."""
    parts = [
        f"<h3>Version {version.number}</h3>"
        f"<p>{html.escape(version.change)}<br>By {html.escape(version.made_by_name)}, "
        f"{london_time(version.made_at)}. {html.escape(version.agreement.value)}."
        + (
            f" Given to the applicant {uk_date(version.notified_on)}."
            if version.notified_on
            else ""
        )
        + "</p>"
    ]
    if version.not_agreed_because:
        parts.append(f"<p><b>Why not agreed:</b> {html.escape(version.not_agreed_because)}</p>")
    for kind in PlanStepKind:
        steps = version.steps_of(kind)
        heading = (
            NOT_AGREED_HEADING
            if kind is PlanStepKind.APPLICANT_REQUIRED
            and version.agreement is PlanAgreement.NOT_AGREED
            else LIST_HEADINGS[kind]
        )
        items = "".join(
            f"<li>{html.escape(step.text)} <i>({html.escape(step.owner)}"
            + (f", by {uk_date(step.due_on)}" if step.due_on else "")
            + f"; {step.status.value.lower()})</i></li>"
            for step in steps
        )
        parts.append(f"<h4>{html.escape(heading)}</h4><ul>{items or '<li>None</li>'}</ul>")
    return "".join(parts)


class PhpTab(QWidget):
    changed = Signal(object)  # the PlanVersionView or PlanRecord a change made

    def __init__(
        self, context: AppContext, case_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.record = PlanRecord(())
        self.step_dialog: StepDialog | None = None
        self._letter_opener: Callable[[], None] | None = None
        self._saving = False

        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.summary.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setObjectName("correctingBanner")
        self.notice.setWordWrap(True)
        self.letter_button = QPushButton("Issue PHP &letter…")
        self.letter_button.setEnabled(False)
        self.letter_button.setToolTip(NO_LETTER_YET)
        self.letter_button.clicked.connect(self._open_letter)
        self.given_button = QPushButton("Record copy &given today")
        self.given_button.setToolTip(
            "Record that the applicant was handed a printed copy of this version today"
        )
        self.given_button.clicked.connect(self.record_given)
        self.notice_box = QWidget()
        notice_row = QHBoxLayout(self.notice_box)
        notice_row.setContentsMargins(0, 0, 0, 0)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.given_button)
        notice_row.addWidget(self.letter_button)
        self.problem = QLabel()
        self.problem.setObjectName("problemSummary")
        self.problem.setWordWrap(True)
        self.problem.hide()

        # The three lists.
        self.models: dict[PlanStepKind, StepsModel] = {}
        self.views: dict[PlanStepKind, QTableView] = {}
        self.headings: dict[PlanStepKind, QLabel] = {}
        lists = QWidget()
        lists_column = QVBoxLayout(lists)
        lists_column.setContentsMargins(0, 0, 0, 0)
        for kind in PlanStepKind:
            heading = QLabel(LIST_HEADINGS[kind])
            heading.setObjectName("sectionHeading")
            heading.setWordWrap(True)
            model = StepsModel(self)
            view = table_view()
            view.setModel(model)
            view.setAccessibleName(kind.value)
            view.setWordWrap(True)
            view.horizontalHeader().setStretchLastSection(False)
            set_column_widths(view, {1: "Housing Options officer", 2: "30 Sep 2026", 3: "Not done"})
            # The step's words take the spare width, on two lines; the tooltip holds them all.
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            view.verticalHeader().setDefaultSectionSize(2 * view.fontMetrics().height() + 12)
            view.doubleClicked.connect(lambda _index: self.edit_selected())
            view.selectionModel().selectionChanged.connect(
                lambda _new, _old, kind=kind: self._selected_in(kind)
            )
            lists_column.addWidget(heading)
            lists_column.addWidget(view)
            self.models[kind], self.views[kind], self.headings[kind] = model, view, heading

        self.add_button = QPushButton("&Add step…")
        self.add_button.setObjectName("primaryButton")
        self.add_button.setToolTip(f"Add a step from the library or your own ({ADD_STEP_SHORTCUT})")
        self.edit_button = QPushButton("&Edit…")
        self.done_button = QPushButton("&Done")
        self.not_done_button = QPushButton("&Not done")
        self.withdraw_button = QPushButton("&Withdraw")
        self.withdraw_button.setToolTip(
            "The step is no longer appropriate: the applicant must be told (s189A(11))"
        )
        self.reopen_button = QPushButton("&Reopen")
        self.done_button.setToolTip("Mark the selected step done")
        self.not_done_button.setToolTip("Mark the selected step not done")
        self.edit_button.setToolTip("Change the selected step's words, who, date or list")
        self.add_button.clicked.connect(self.open_add_step)
        self.edit_button.clicked.connect(self.edit_selected)
        for button, status in (
            (self.done_button, PlanStepStatus.DONE),
            (self.not_done_button, PlanStepStatus.NOT_DONE),
            (self.withdraw_button, PlanStepStatus.WITHDRAWN),
            (self.reopen_button, PlanStepStatus.OPEN),
        ):
            button.clicked.connect(lambda _checked=False, status=status: self.set_status(status))
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.add_button)
        step_buttons.addStretch(1)
        for button in (
            self.edit_button,
            self.done_button,
            self.not_done_button,
            self.withdraw_button,
            self.reopen_button,
        ):
            step_buttons.addWidget(button)

        # Agreement.
        self.agreement_label = QLabel()
        self.agreement_label.setWordWrap(True)
        self.agreement = QComboBox()
        self.agreement.setAccessibleName("Were the steps agreed?")
        self.agreement.addItem("The applicant agreed the steps", PlanAgreement.AGREED)
        self.agreement.addItem("The steps could not be agreed", PlanAgreement.NOT_AGREED)
        self.agreement.setPlaceholderText("Were the steps agreed?")
        self.agreement.setCurrentIndex(-1)
        self.not_agreed_because = QPlainTextEdit()
        self.not_agreed_because.setAccessibleName("Why the steps could not be agreed")
        self.not_agreed_because.setPlaceholderText(
            "Why agreement failed (s189A(6)(a)): what the applicant disagreed with, and why."
        )
        self.not_agreed_because.setTabChangesFocus(True)
        self.not_agreed_because.setMaximumHeight(70)
        self.agreement_problem = QLabel()
        self.agreement_problem.setObjectName("fieldProblem")
        self.agreement_problem.setWordWrap(True)
        self.agreement_problem.hide()
        self.record_agreement_button = QPushButton("Re&cord agreement")
        self.record_agreement_button.clicked.connect(self.save_agreement)
        self.agreement.currentIndexChanged.connect(self._agreement_edited)
        self.not_agreed_because.textChanged.connect(self._agreement_edited)
        agreement_box = QGroupBox("Agreement (s189A(4)-(6))")
        agreement_column = QVBoxLayout(agreement_box)
        agreement_column.addWidget(self.agreement_label)
        agreement_row = QHBoxLayout()
        agreement_row.addWidget(self.agreement, 1)
        agreement_row.addWidget(self.record_agreement_button)
        agreement_column.addLayout(agreement_row)
        agreement_column.addWidget(self.not_agreed_because)
        agreement_column.addWidget(self.agreement_problem)

        plan_page = QWidget()
        plan_column = QVBoxLayout(plan_page)
        plan_column.addWidget(lists)
        plan_column.addLayout(step_buttons)
        plan_column.addWidget(agreement_box)
        plan_column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("formScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(plan_page)

        # Versions.
        self.versions_model = PlanVersionsModel(self)
        self.versions_view = table_view()
        self.versions_view.setModel(self.versions_model)
        self.versions_view.setAccessibleName("Versions of the plan, oldest first")
        set_column_widths(self.versions_view, {0: "No.", 1: "25 Nov 2026 14:05", 2: "25 Nov 2026"})
        self.versions_view.selectionModel().selectionChanged.connect(self._show_selected_version)
        self.version_text = QTextBrowser()
        self.version_text.setAccessibleName("The selected version of the plan")
        versions_page = QWidget()
        versions_column = QVBoxLayout(versions_page)
        versions_column.setContentsMargins(0, 0, 0, 0)
        versions_heading = QLabel("Versions")
        versions_heading.setObjectName("sectionHeading")
        versions_column.addWidget(versions_heading)
        versions_column.addWidget(self.versions_view, 1)
        versions_column.addWidget(self.version_text, 2)

        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(versions_page)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice_box)
        layout.addWidget(self.problem)
        layout.addWidget(splitter, 1)
        self.reload()

    def set_letter_opener(self, open_letter: Callable[[], None]) -> None:
        """The Letters part offers the PHP letter through this (its preview and issue)."""
        self._letter_opener = open_letter
        self.letter_button.setEnabled(True)
        self.letter_button.setToolTip("Preview and issue the PHP letter for this version")

    # Loading.

    def reload(self) -> None:
        """One case's plan versions by an indexed case_id: quick enough for the UI thread."""
        try:
            record = plan_of(self.context.store, self.context.officer, self.case_id)
        except ServiceError as error:
            report_error(self.window(), error)
            return
        self.show_record(record)

    def show_record(self, record: PlanRecord) -> None:
        self.record = record
        current = record.current
        for kind, model in self.models.items():
            model.set_rows(current.steps_of(kind) if current else ())
            view = self.views[kind]
            rows = max(model.rowCount(), 1)
            header = view.horizontalHeader().sizeHint().height()
            row_height = view.verticalHeader().defaultSectionSize()
            view.setFixedHeight(header + rows * row_height + 2 * view.frameWidth())
        not_agreed = current is not None and current.agreement is PlanAgreement.NOT_AGREED
        self.headings[PlanStepKind.APPLICANT_REQUIRED].setText(
            NOT_AGREED_HEADING if not_agreed else LIST_HEADINGS[PlanStepKind.APPLICANT_REQUIRED]
        )
        self.versions_model.set_rows(record.versions)
        if record.versions:
            self.versions_view.selectRow(len(record.versions) - 1)
        else:
            self.version_text.setHtml("<p>No plan yet: add the first step.</p>")
        if current is None:
            self.summary.setText(
                "No plan yet. Each step added, changed or marked makes a new version; "
                "every version is kept."
            )
        else:
            self.summary.setText(
                f"Version {current.number}, {london_time(current.made_at)} by "
                f"{current.made_by_name}: {current.change}"
            )
        notice = " ".join(filter(None, (record.parallel_warning, record.notice))) or None
        self.notice.setText(notice or "")
        self.notice_box.setVisible(notice is not None)
        self.given_button.setVisible(record.copy_owed)
        self.letter_button.setVisible(record.copy_owed)
        self.agreement_label.setText(self._agreement_words(current))
        self.not_agreed_because.setVisible(self._chosen_agreement() is PlanAgreement.NOT_AGREED)
        self._update_step_buttons()

    @staticmethod
    def _agreement_words(current: PlanVersionView | None) -> str:
        if current is None or current.agreement is PlanAgreement.NOT_YET_RECORDED:
            return "Not yet recorded: try to agree the steps with the applicant (s189A(4))."
        if current.agreement is PlanAgreement.AGREED:
            return "The applicant agreed the steps."
        return f"Not agreed. Why: {current.not_agreed_because}"

    def _show_selected_version(self) -> None:
        rows = self.versions_view.selectionModel().selectedRows()
        version = self.versions_model.row_at(rows[0].row()) if rows else None
        if version is not None:
            self.version_text.setHtml(version_html(version))

    # Steps.

    def selected_step(self) -> StepView | None:
        for kind, view in self.views.items():
            rows = view.selectionModel().selectedRows()
            if rows:
                return self.models[kind].row_at(rows[0].row())
        return None

    def select_step(self, kind: PlanStepKind, row: int) -> None:
        self.views[kind].selectRow(row)

    def _selected_in(self, kind: PlanStepKind) -> None:
        if self.views[kind].selectionModel().hasSelection():
            for other, view in self.views.items():
                if other is not kind:
                    view.clearSelection()
        self._update_step_buttons()

    def _update_step_buttons(self) -> None:
        step = self.selected_step()
        self.edit_button.setEnabled(step is not None)
        for button, status in (
            (self.done_button, PlanStepStatus.DONE),
            (self.not_done_button, PlanStepStatus.NOT_DONE),
            (self.withdraw_button, PlanStepStatus.WITHDRAWN),
            (self.reopen_button, PlanStepStatus.OPEN),
        ):
            button.setEnabled(step is not None and step.status is not status)

    def _based_on(self) -> uuid.UUID | None:
        current = self.record.current
        return current.version_id if current else None

    def open_add_step(self) -> None:
        self._open_step_dialog(None)

    def edit_selected(self) -> None:
        if (step := self.selected_step()) is not None:
            self._open_step_dialog(step)

    def _open_step_dialog(self, editing: StepView | None) -> None:
        if self.step_dialog is not None:
            bring_to_front(self.step_dialog)
            return
        dialog = StepDialog(self.context, self.case_id, self._based_on(), editing, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        dialog.saved.connect(self._changed)
        self.step_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.step_dialog = None
        give_keyboard_back(self.window())

    def set_status(self, status: PlanStepStatus) -> None:
        step = self.selected_step()
        if step is None or self._saving:
            return
        context, case_id, based_on = self.context, self.case_id, self._based_on()
        today = context.today()
        self._run(
            lambda: set_step_status(
                context.store,
                context.officer,
                case_id,
                step.step_key,
                status,
                today=today,
                based_on=based_on,
            )
        )

    # Agreement.

    def _chosen_agreement(self) -> PlanAgreement | None:
        chosen = self.agreement.currentData()
        return chosen if isinstance(chosen, PlanAgreement) else None

    def agreement_problem_text(self) -> str | None:
        chosen = self._chosen_agreement() or PlanAgreement.NOT_YET_RECORDED
        current = self.record.current
        problems = agreement_problems(
            chosen, self.not_agreed_because.toPlainText(), current.steps if current else ()
        )
        return " ".join(problems.values()) or None

    def _agreement_edited(self) -> None:
        self.not_agreed_because.setVisible(self._chosen_agreement() is PlanAgreement.NOT_AGREED)
        if self.agreement_problem.isVisible():
            self._show_agreement_problem(self.agreement_problem_text())

    def _show_agreement_problem(self, problem: str | None) -> None:
        self.agreement_problem.setText(problem or "")
        self.agreement_problem.setVisible(problem is not None)

    def save_agreement(self) -> None:
        if self._saving:
            return
        if problem := self.agreement_problem_text():
            self._show_agreement_problem(problem)
            return
        chosen = self._chosen_agreement()
        assert chosen is not None  # agreement_problems refuses no choice
        context, case_id, based_on = self.context, self.case_id, self._based_on()
        because, today = self.not_agreed_because.toPlainText(), context.today()
        self._run(
            lambda: record_agreement(
                context.store,
                context.officer,
                case_id,
                chosen,
                because,
                today=today,
                based_on=based_on,
            ),
            then=self._agreement_saved,
        )

    def _agreement_saved(self) -> None:
        self.agreement.setCurrentIndex(-1)
        self.not_agreed_because.clear()
        self._show_agreement_problem(None)

    # Notification.

    def record_given(self) -> None:
        current = self.record.current
        if current is None or self._saving:
            return
        context, case_id, today = self.context, self.case_id, self.context.today()
        self._run(
            lambda: record_plan_given(
                context.store,
                context.officer,
                case_id,
                current.version_id,
                given_on=today,
                today=today,
            )
        )

    def _open_letter(self) -> None:
        if self._letter_opener is not None:
            self._letter_opener()

    # Writing.

    def _run(self, work: Callable[[], object], then: Callable[[], None] | None = None) -> None:
        self._saving = True
        self.problem.hide()
        case_id = self.case_id
        self.context.change(
            work,
            lambda _result: Changes(plan=True, case_id=case_id),
            lambda result: self._changed(result, then),
            owner=self,
            on_error=self._refused,
        )

    def _changed(self, result: object, then: Callable[[], None] | None = None) -> None:
        self._saving = False
        if then is not None:
            then()
        self.reload()
        self.changed.emit(result)

    def _refused(self, error: Exception) -> None:
        self._saving = False
        if isinstance(error, InvalidInput | ServiceError):
            self.problem.setText(f"Not saved. {error}")
            self.problem.show()
        else:
            report_error(self.window(), error)
