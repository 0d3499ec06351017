"""A case window: the case's header and its tabs. One window per case."""

import uuid
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.bundles import (
    FILE_SUFFIX,
    BundleWritten,
    export_case_bundle,
)
from hoclient.services.cases import case_summary, open_case
from hoclient.services.changes import Changes
from hoclient.services.errors import ServiceError
from hoclient.services.letters import PLAN_LETTER
from hoclient.services.views import CaseView
from hoclient.ui.assessment_tab import AssessmentTab
from hoclient.ui.context import AppContext
from hoclient.ui.duties_tab import DutiesTab
from hoclient.ui.errors import report_error
from hoclient.ui.formatting import uk_date
from hoclient.ui.household_tab import ADD_MEMBER_SHORTCUT, HouseholdTab
from hoclient.ui.letters_tab import LettersTab
from hoclient.ui.notes_tab import NotesTab
from hoclient.ui.php_tab import ADD_STEP_SHORTCUT, PhpTab

TAB_NAMES = (
    "Household",
    "Assessment",
    "Duties",
    "PHP",
    "Notes",
    "Letters",
    "Accommodation",
    "Money",
    "Referrals",
)
NOT_BUILT = "Not built yet"


def referral_text(case: CaseView) -> str:
    if case.referral_source is None:
        return "Not a referral"
    parts = [case.referral_source.value]
    if case.referring_agency:
        parts[0] += f" ({case.referring_agency})"
    if case.duty_to_refer:
        parts.append("duty to refer (s213B)")
    return " — ".join(parts)


def officer_text(case: CaseView) -> str:
    if case.officer_name is None:
        return "Unassigned"
    return f"{case.officer_name}, {case.team_name}" if case.team_name else case.officer_name


class CaseWindow(QWidget):
    """The case's facts at the top; Household, Duties, Notes and Letters work, the other tabs
    are disabled until they are built."""

    closed = Signal(object)  # the case's UUID

    def __init__(
        self, context: AppContext, case_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("caseWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # lets the stylesheet paint it
        self.context = context
        self.case_id = case_id
        # One case by its key, and its audit event: quick enough for the UI thread (a few ms).
        # NotFound and NotAllowed go to the opener.
        self.case_view = open_case(context.store, context.officer, case_id)

        self.reference_label = QLabel()
        self.reference_label.setObjectName("caseReference")
        self.reference_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.applicant_label = QLabel()
        self.applicant_label.setObjectName("caseApplicant")
        self.status_label = QLabel()
        self.status_label.setObjectName("caseStatus")
        self.approach_label = QLabel()
        self.referral_label = QLabel()
        self.address_label = QLabel()
        self.accommodation_label = QLabel()
        self.officer_label = QLabel()
        for value in (
            self.approach_label,
            self.referral_label,
            self.address_label,
            self.accommodation_label,
            self.officer_label,
        ):
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        header = QWidget()
        header.setObjectName("caseHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        title_row = QHBoxLayout()
        title_row.addWidget(self.reference_label)
        title_row.addSpacing(12)
        title_row.addWidget(self.applicant_label)
        title_row.addStretch(1)
        title_row.addWidget(self.status_label)
        self.export_button = QPushButton("E&xport bundle…")
        self.export_button.clicked.connect(self.choose_bundle_file)
        self.export_button.setToolTip(
            "Write this case to a file for a laptop with no network (Ctrl+Shift+E)"
        )
        self.export_result = QLabel()
        self.export_result.setObjectName("countLabel")
        self.export_notice: QMessageBox | None = None  # says whether the file is encrypted
        title_row.addWidget(self.export_result)
        title_row.addWidget(self.export_button)
        facts = QGridLayout()
        facts.setHorizontalSpacing(12)
        facts.setVerticalSpacing(4)
        for row, (name, value) in enumerate(
            (
                ("Approached", self.approach_label),
                ("Referral", self.referral_label),
                ("Address", self.address_label),
                ("Living at approach", self.accommodation_label),
                ("Officer", self.officer_label),
            )
        ):
            label = QLabel(name)
            label.setObjectName("factName")
            facts.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(value, row, 1)
        facts.setColumnStretch(1, 1)
        header_layout = QVBoxLayout(header)
        header_layout.addLayout(title_row)
        header_layout.addLayout(facts)

        self.household_tab = HouseholdTab(context, case_id, self.case_view.applicant_name)
        self.notes_tab = NotesTab(context, case_id)
        self.duties_tab = DutiesTab(context, case_id)
        self.assessment_tab = AssessmentTab(context, case_id)
        self.php_tab = PhpTab(context, case_id)
        self.letters_tab = LettersTab(context, case_id)
        self.duties_tab.letter_wanted.connect(self.issue_letter)
        self.php_tab.set_letter_opener(self.issue_plan_letter)
        self.notes_tab.note_text.setPlainText(context.note_drafts.pop(case_id, ""))
        if assessment_draft := context.assessment_drafts.pop(case_id, None):
            self.assessment_tab.restore_draft(assessment_draft)
        self.tabs = QTabWidget()
        built = {
            "Household": self.household_tab,
            "Assessment": self.assessment_tab,
            "Duties": self.duties_tab,
            "Notes": self.notes_tab,
            "PHP": self.php_tab,
            "Letters": self.letters_tab,
        }
        for index, name in enumerate(TAB_NAMES):
            page = built.get(name)
            if page is None:
                self.tabs.addTab(QLabel(NOT_BUILT), name)
                self.tabs.setTabEnabled(index, False)
                self.tabs.setTabToolTip(index, NOT_BUILT)
            else:
                self.tabs.addTab(page, name)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)

        # Ctrl+Tab and Ctrl+PgDown move between tabs (QTabWidget's own keys).
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        QShortcut(QKeySequence(ADD_MEMBER_SHORTCUT), self, self.add_member)
        QShortcut(QKeySequence(ADD_STEP_SHORTCUT), self, self.add_plan_step)
        QShortcut(QKeySequence("Ctrl+Shift+E"), self, self.choose_bundle_file)
        context.changed.connect(self._data_changed)
        self._show_case(self.case_view)
        self.resize(1000, 760)  # the Duties tab shows clocks, actions and decisions at once

    def show_tab(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)

    def add_member(self) -> None:
        self.show_tab(self.household_tab)
        self.household_tab.open_add_member()

    def add_plan_step(self) -> None:
        self.show_tab(self.php_tab)
        self.php_tab.open_add_step()

    def issue_plan_letter(self) -> None:
        """The PHP letter for the plan as it stands: the Letters tab's dialog, pre-filled."""
        self.show_tab(self.letters_tab)
        self.letters_tab.open_issue_dialog(kind_id=PLAN_LETTER)

    def issue_letter(self, decision_id: uuid.UUID, kind_id: str) -> None:
        """The letter a decision offers: the Letters tab's dialog, pre-filled with it."""
        self.show_tab(self.letters_tab)
        self.letters_tab.open_issue_dialog(decision_id=decision_id, kind_id=kind_id)

    def choose_bundle_file(self) -> None:
        if not self.export_button.isEnabled():
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "Export case bundle",
            f"{self.case_view.reference}{FILE_SUFFIX}",
            f"Case bundles (*{FILE_SUFFIX})",
        )
        if name:
            self.export_bundle_to(Path(name))

    def export_bundle_to(self, path: Path) -> None:
        """Write the case to `path` on the writer (an export may leave an audit event); the
        outcome shows in the title row."""
        store, officer, reference = self.context.store, self.context.officer, self.case_view
        self.export_button.setEnabled(False)
        self.export_result.setText("Writing the bundle…")

        def written(result: BundleWritten) -> None:
            self.export_button.setEnabled(True)
            # The title row has room for a few words; the box below says the rest.
            self.export_result.setText(
                "Bundle written, encrypted" if result.encrypted else "Bundle NOT encrypted"
            )
            self.export_result.setToolTip(result.summary)
            self._show_export_notice(result)

        def failed(error: Exception) -> None:
            self.export_button.setEnabled(True)
            self.export_result.clear()
            report_error(self, error)

        self.context.change(
            lambda: export_case_bundle(store, officer, reference.reference, path),
            lambda _written: Changes(),
            written,
            owner=self,
            on_error=failed,
        )

    def _show_export_notice(self, result: BundleWritten) -> None:
        """Whether the file on the stick is encrypted is for the officer to know before it
        leaves the building: a box, not only the title row's words."""
        box = QMessageBox(
            QMessageBox.Icon.Information if result.encrypted else QMessageBox.Icon.Warning,
            "Case bundle written",
            result.summary,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setInformativeText(result.explanation)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, and the event loop carries on
        self.export_notice = box

    def _show_case(self, case: CaseView) -> None:
        self.case_view = case
        self.setWindowTitle(f"{case.reference} — {case.applicant_name} — hoclient")
        self.reference_label.setText(case.reference)
        self.applicant_label.setText(case.applicant_name)
        self.status_label.setText(case.status.value)
        self.status_label.setProperty("status", case.status.name.lower())
        self.approach_label.setText(
            f"{uk_date(case.approached_on)}, {case.approach_method.value.lower()}"
        )
        self.referral_label.setText(referral_text(case))
        self.address_label.setText(case.address)
        self.accommodation_label.setText(case.accommodation_at_approach.value)
        self.officer_label.setText(officer_text(case))

    def _data_changed(self, changes: Changes) -> None:
        if changes.case_id is not None and changes.case_id != self.case_id:
            return
        try:
            if changes.cases or changes.persons:
                self._show_case(
                    case_summary(self.context.store, self.context.officer, self.case_id)
                )
            if changes.household or changes.persons:
                self.household_tab.reload()
            if changes.notes:
                self.notes_tab.reload()
            if changes.household or changes.assessment:
                self.assessment_tab.reload()
            if changes.plan or changes.letters:  # a PHP letter is the plan given in writing
                self.php_tab.reload()
            # Decisions are announced as changes to their case; a member joining can start
            # the B&B limit for a family, so the household counts too.
            if changes.cases or changes.household:
                self.duties_tab.reload()
            if changes.letters or changes.cases or changes.persons:
                self.letters_tab.reload()
        except ServiceError as error:  # the case left this laptop (sync, in a later issue)
            report_error(self.parentWidget(), error)
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # QWidget.closeEvent
        # Nothing typed is lost: an unsaved note waits for the case to be opened again.
        if draft := self.notes_tab.note_text.toPlainText().strip():
            self.context.note_drafts[self.case_id] = draft
        if self.assessment_tab.has_unsaved_changes:
            self.context.assessment_drafts[self.case_id] = self.assessment_tab.entered()
        self.closed.emit(self.case_id)
        super().closeEvent(event)
