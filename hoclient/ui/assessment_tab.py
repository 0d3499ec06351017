"""The Assessment tab: the three parts of the s189A(2) assessment, saved as a new version
each time, with every earlier version listed and readable beside the form.

The form starts from the newest version, so a review (s189A(9)-(10)) edits what is there and
says what changed. The codes come from the one H-CLIC mapping table
(hoclient.reports.hclic_codes); the checks are the service's own (assessment_problems).
"""

import html
import uuid

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hoclient.reports.hclic_codes import CodeList, codes_in_force, label_of
from hoclient.services.assessments import (
    AssessmentInput,
    AssessmentRecord,
    AssessmentView,
    HouseholdPerson,
    assessment_of,
    assessment_problems,
    save_assessment,
)
from hoclient.services.changes import Changes
from hoclient.services.errors import InvalidInput, ServiceError
from hoclient.ui.context import AppContext
from hoclient.ui.date_field import UNREADABLE_DATE, DateField
from hoclient.ui.errors import report_error
from hoclient.ui.field_messages import FieldMessages
from hoclient.ui.formatting import london_time, uk_date
from hoclient.ui.person_form import form_layout
from hoclient.ui.table_model import Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view

SAVE_ASSESSMENT_SHORTCUT = "Ctrl+S"
TEXT_FIELDS = ("circumstances", "housing_needs", "suitable_accommodation", "support_needs")

VERSION_COLUMNS: tuple[Column[AssessmentView], ...] = (
    Column("No.", lambda v: str(v.number), centred=True),
    Column("Assessed", lambda v: uk_date(v.assessed_on)),
    Column("By", lambda v: v.assessed_by_name),
    Column("What changed", lambda v: v.change_reason or "First assessment"),
)


class AssessmentVersionsModel(RowsModel[AssessmentView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(VERSION_COLUMNS, parent)


def version_html(version: AssessmentView) -> str:
    """One version as the officer reads it back: every part, with its codes in words."""

    def para(text: str) -> str:
        return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line)

    needs = "".join(
        f"<li><b>{html.escape(n.name)}</b>: {html.escape('; '.join(n.labels))}</li>"
        for n in version.member_needs
    )
    changed = (
        f"<p><i>What changed: {html.escape(version.change_reason)}</i></p>"
        if version.change_reason
        else ""
    )
    return (
        f"<h3>Version {version.number}, assessed {uk_date(version.assessed_on)}</h3>"
        f"<p>By {html.escape(version.assessed_by_name)}, saved "
        f"{london_time(version.saved_at)}</p>{changed}"
        f"<h4>Circumstances (s189A(2)(a))</h4>{para(version.circumstances)}"
        f"<p><b>Reason for loss of home:</b> {html.escape(version.reason_for_loss_label)}</p>"
        f"<h4>Housing needs (s189A(2)(b))</h4>{para(version.housing_needs)}"
        f"<p><b>Suitable accommodation:</b></p>{para(version.suitable_accommodation)}"
        f"<h4>Support needs (s189A(2)(c))</h4>{para(version.support_needs)}"
        f"<ul>{needs or '<li>No H-CLIC support need recorded</li>'}</ul>"
    )


class AssessmentTab(QWidget):
    saved = Signal(object)  # the AssessmentView saved

    def __init__(
        self, context: AppContext, case_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.record: AssessmentRecord | None = None
        self.need_lists: dict[uuid.UUID, QListWidget] = {}
        self._saving = False
        self._dirty = False
        self._filling = False
        self.messages = FieldMessages(self._recheck, self)

        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.summary.setWordWrap(True)
        self.refusal = QLabel()
        self.refusal.setObjectName("problemSummary")
        self.refusal.setWordWrap(True)
        self.refusal.hide()

        self.assessed_on = DateField()
        self.assessed_on.setAccessibleName("Date assessed")
        self.circumstances = self._text_box(
            "What happened: why the household is homeless or about to be.", "Circumstances"
        )
        self.reason_for_loss = QComboBox()
        self.reason_for_loss.setAccessibleName("Reason for loss of last settled home")
        self.reason_for_loss.setPlaceholderText("Choose (H-CLIC list A2)")
        # Its longest option would otherwise set the whole form's width.
        self.reason_for_loss.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.reason_for_loss.setMinimumContentsLength(30)
        for row in codes_in_force(CodeList.REASON_FOR_LOSS, context.today()):
            self.reason_for_loss.addItem(label_of(CodeList.REASON_FOR_LOSS, row.internal_value))
            self.reason_for_loss.setItemData(self.reason_for_loss.count() - 1, row.internal_value)
            if row.note:
                self.reason_for_loss.setItemData(
                    self.reason_for_loss.count() - 1, row.note, Qt.ItemDataRole.ToolTipRole
                )
        self.reason_for_loss.setCurrentIndex(-1)
        self.housing_needs = self._text_box(
            "Size, location, access, affordability, anything the household must have.",
            "Housing needs",
        )
        self.suitable_accommodation = self._text_box(
            "What accommodation would be suitable for the applicant and the household.",
            "Suitable accommodation",
        )
        self.support_needs = self._text_box(
            "The support needed to get and keep a home, or that none is needed.",
            "Support needs",
        )
        self.needs_box = QWidget()
        self.needs_layout = QVBoxLayout(self.needs_box)
        self.needs_layout.setContentsMargins(0, 0, 0, 0)
        self.change_reason = self._text_box(
            "What has changed since the last version, and why.", "What changed"
        )
        self.change_reason.setMaximumHeight(70)

        form = form_layout()
        self._add_row(form, "Da&te assessed", "assessed_on", self.assessed_on)
        form.addRow(self._heading("Circumstances that caused homelessness or the threat of it"))
        self._add_row(form, "&Circumstances", "circumstances", self.circumstances)
        self._add_row(form, "&Reason for loss", "reason_for_loss", self.reason_for_loss)
        form.addRow(self._heading("Housing needs, and what accommodation would be suitable"))
        self._add_row(form, "&Housing needs", "housing_needs", self.housing_needs)
        self._add_row(
            form, "Su&itable accommodation", "suitable_accommodation", self.suitable_accommodation
        )
        form.addRow(self._heading("Support needs of the applicant and each person"))
        self._add_row(form, "Su&pport needed", "support_needs", self.support_needs)
        self._add_row(form, "H-CLIC needs", "member_needs", self.needs_box)
        self.change_reason_label = self._add_row(
            form, "What chan&ged", "change_reason", self.change_reason
        )

        self.save_button = QPushButton("&Save assessment")
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip(
            f"Save as a new version; earlier versions are kept ({SAVE_ASSESSMENT_SHORTCUT})"
        )
        self.save_button.clicked.connect(self.try_save)
        QShortcut(
            QKeySequence(SAVE_ASSESSMENT_SHORTCUT),
            self,
            self.try_save,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        form_page = QWidget()
        form_column = QVBoxLayout(form_page)
        form_column.addWidget(self.refusal)
        form_column.addLayout(form)
        form_column.addLayout(buttons)
        form_column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("formScroll")
        scroll.setWidgetResizable(True)
        # The form follows the width it is given; its text boxes wrap, nothing scrolls sideways.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_page)

        self.versions_model = AssessmentVersionsModel(self)
        self.versions_view = table_view()
        self.versions_view.setModel(self.versions_model)
        self.versions_view.setAccessibleName("Versions of the assessment, oldest first")
        set_column_widths(self.versions_view, {0: "No.", 1: "30 Sep 2026", 2: "Christopher F"})
        self.versions_view.selectionModel().selectionChanged.connect(self._show_selected)
        self.version_text = QTextBrowser()
        self.version_text.setAccessibleName("The selected version")
        versions_page = QWidget()
        versions_column = QVBoxLayout(versions_page)
        versions_column.setContentsMargins(0, 0, 0, 0)
        versions_column.addWidget(self._heading("Versions"))
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
        layout.addWidget(splitter, 1)
        self.assessed_on.textChanged.connect(lambda _text: self._edited())
        self.reason_for_loss.currentIndexChanged.connect(lambda _index: self._edited())
        self.reload()

    # Building.

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionHeading")
        label.setWordWrap(True)
        return label

    def _text_box(self, placeholder: str, accessible: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setPlaceholderText(placeholder)
        box.setAccessibleName(accessible)
        box.setTabChangesFocus(True)
        box.setMinimumHeight(70)
        box.setMaximumHeight(100)
        return box

    def _add_row(self, form: QFormLayout, text: str, name: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        label.setContentsMargins(0, 5, 0, 0)
        form.addRow(label, self.messages.row(name, widget))
        if isinstance(widget, QPlainTextEdit):
            # FieldMessages follows line edits and lists by itself; a text box is told here.
            widget.textChanged.connect(lambda: self._text_edited(name))
        return label

    def _build_need_lists(self, household: tuple[HouseholdPerson, ...]) -> None:
        while self.needs_layout.count():
            old = self.needs_layout.takeAt(0)
            if old is not None and (widget := old.widget()):
                widget.deleteLater()
        self.need_lists = {}
        codes = codes_in_force(CodeList.SUPPORT_NEED, self.context.today())
        for person in household:
            box = QGroupBox(f"{person.name} ({person.relationship.value.lower()})")
            column = QVBoxLayout(box)
            needs = QListWidget()
            needs.setAccessibleName(f"Support needs of {person.name}")
            for row in codes:
                item = QListWidgetItem(row.label)
                item.setData(Qt.ItemDataRole.UserRole, row.internal_value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                needs.addItem(item)
            needs.setMaximumHeight(120)
            needs.itemChanged.connect(lambda _item: self._text_edited("member_needs"))
            column.addWidget(needs)
            self.needs_layout.addWidget(box)
            self.need_lists[person.member_id] = needs

    # Loading.

    def reload(self) -> None:
        """One case's versions by an indexed case_id: quick enough for the UI thread. What the
        officer has typed and not saved is never overwritten."""
        try:
            record = assessment_of(self.context.store, self.context.officer, self.case_id)
        except ServiceError as error:
            report_error(self.window(), error)
            return
        self.record = record
        self.versions_model.set_rows(record.versions)
        if record.versions:
            self.versions_view.selectRow(len(record.versions) - 1)
        else:
            self.version_text.setHtml("<p>No assessment has been saved yet.</p>")
        current = record.current
        self.summary.setText(
            f"Version {current.number}, assessed {uk_date(current.assessed_on)} by "
            f"{current.assessed_by_name}. Saving makes version {current.number + 1}; "
            "earlier versions are kept."
            if current
            else "No assessment yet. Saving makes version 1 (s189A(1)-(2))."
        )
        if not self._dirty:
            self._fill(record)

    def _fill(self, record: AssessmentRecord) -> None:
        """The form from the newest version (or blank): a review edits what is there."""
        current = record.current
        self._build_need_lists(record.household)
        self._show_input(
            AssessmentInput(
                assessed_on=current.assessed_on if current else self.context.today(),
                circumstances=current.circumstances if current else "",
                reason_for_loss=current.reason_for_loss if current else None,
                housing_needs=current.housing_needs if current else "",
                suitable_accommodation=current.suitable_accommodation if current else "",
                support_needs=current.support_needs if current else "",
                member_needs={n.member_id: n.codes for n in current.member_needs}
                if current
                else {},
            )
        )
        self._dirty = False
        self._recheck()

    def restore_draft(self, draft: AssessmentInput) -> None:
        """What the officer typed before closing the case window, back in the form."""
        self._show_input(draft)
        self._dirty = True
        self.refusal.setText("Restored what you typed before closing the case. Not saved yet.")
        self.refusal.show()

    def _show_input(self, entered: AssessmentInput) -> None:
        self._filling = True
        self.assessed_on.setDate(entered.assessed_on)
        self.circumstances.setPlainText(entered.circumstances)
        self.reason_for_loss.setCurrentIndex(
            self.reason_for_loss.findData(entered.reason_for_loss)
            if entered.reason_for_loss
            else -1
        )
        self.housing_needs.setPlainText(entered.housing_needs)
        self.suitable_accommodation.setPlainText(entered.suitable_accommodation)
        self.support_needs.setPlainText(entered.support_needs)
        for member_id, needs in self.need_lists.items():
            chosen = set(entered.member_needs.get(member_id, ()))
            for row in range(needs.count()):
                item = needs.item(row)
                ticked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        revising = self.record is not None and self.record.current is not None
        self.change_reason.setPlainText(entered.change_reason)
        self.change_reason.setVisible(revising)
        self.change_reason_label.setVisible(revising)
        self._filling = False

    def _show_selected(self) -> None:
        rows = self.versions_view.selectionModel().selectedRows()
        version = self.versions_model.row_at(rows[0].row()) if rows else None
        if version is not None:
            self.version_text.setHtml(version_html(version))

    # What is typed.

    def entered(self) -> AssessmentInput:
        member_needs = {}
        for member_id, needs in self.need_lists.items():
            codes = tuple(
                str(needs.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(needs.count())
                if needs.item(row).checkState() == Qt.CheckState.Checked
            )
            if codes:
                member_needs[member_id] = codes
        reason = self.reason_for_loss.currentData()
        return AssessmentInput(
            assessed_on=self.assessed_on.value() or self.context.today(),
            circumstances=self.circumstances.toPlainText(),
            reason_for_loss=reason if isinstance(reason, str) else None,
            housing_needs=self.housing_needs.toPlainText(),
            suitable_accommodation=self.suitable_accommodation.toPlainText(),
            support_needs=self.support_needs.toPlainText(),
            member_needs=member_needs,
            change_reason=self.change_reason.toPlainText(),
        )

    def current_problems(self) -> dict[str, str]:
        problems = assessment_problems(
            self.entered(),
            today=self.context.today(),
            revising=self.record is not None and self.record.current is not None,
        )
        if self.assessed_on.problem():
            problems["assessed_on"] = UNREADABLE_DATE
        elif self.assessed_on.is_blank():
            problems["assessed_on"] = "Enter the date of the assessment."
        return problems

    def _text_edited(self, name: str) -> None:
        if self._filling:
            return
        self.messages.touch(name)
        self._edited()

    def _edited(self) -> None:
        if self._filling:
            return
        self._dirty = True
        self._recheck()

    def _recheck(self) -> None:
        self.refusal.hide()
        self.messages.set_problems(self.current_problems())

    # Saving.

    def try_save(self) -> None:
        """Save a new version if nothing is wrong; otherwise show every problem, save nothing."""
        if self._saving:
            return
        problems = self.current_problems()
        if problems:
            self.messages.set_problems(problems)
            self.messages.reveal_all()
            if first := self.messages.first_field_with_problem():
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        context, case_id, entered = self.context, self.case_id, self.entered()
        today = context.today()
        self._set_saving(True)
        context.change(
            lambda: save_assessment(context.store, context.officer, case_id, entered, today=today),
            lambda _view: Changes(assessment=True, case_id=case_id),
            self._saved,
            owner=self,
            on_error=self._refused,
        )

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)
        self.save_button.setText("Saving…" if saving else "&Save assessment")

    def _saved(self, view: AssessmentView) -> None:
        self._set_saving(False)
        self._dirty = False
        self.reload()
        self.saved.emit(view)

    def _refused(self, error: Exception) -> None:
        self._set_saving(False)
        if isinstance(error, InvalidInput):
            self.messages.set_refused(error.problems)
            if unplaced := self.messages.unplaced():
                self.refusal.setText("Not saved. " + " ".join(unplaced))
                self.refusal.show()
        elif isinstance(error, ServiceError):
            self.refusal.setText(f"Not saved. {error}")
            self.refusal.show()
        else:
            report_error(self.window(), error)

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty
