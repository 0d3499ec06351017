"""Issue a letter: pick it (pre-filled from the case, or the decision that offers it), edit the
reasons, give what the letter states that the case does not record (a placement, a warning's
step, the other council: ui/letter_facts_form.py), read the preview, choose large print and how
it was sent, issue.

The preview is the service's own PDF, rendered and turned into page images on a reader thread
(never on the UI thread); what is issued is rendered again by the service from the same case,
so the record holds exactly what the officer was shown, unless the case changed meanwhile.
"""

import uuid

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.changes import Changes
from hoclient.services.errors import ServiceError
from hoclient.services.letter_context import OfferedLetter
from hoclient.services.letters import (
    IssuedLetterView,
    LetterDraft,
    LetterPreview,
    issue_letter,
    letter_preview,
    letters_offered,
)
from hoclient.ui.context import AppContext
from hoclient.ui.errors import report_error
from hoclient.ui.formatting import uk_date
from hoclient.ui.letter_facts_form import LetterFactsForm
from hoclient.ui.pdf_pages import PdfPagesView, pdf_page_images
from hoclient.vocabulary import LetterDelivery

# Re-preview once the officer pauses typing the reasons, not at every key.
REPREVIEW_AFTER_MS = 700
CHOOSE_DELIVERY = "Choose how the letter was sent."
GIVE_THE_FACTS = (
    "This letter states what the case does not record: fill in the details below the "
    "reasons to see it."
)


def offered_text(offered: OfferedLetter) -> str:
    when = f", decided {uk_date(offered.decided_on)}" if offered.decided_on else ""
    return f"{offered.code} {offered.title}{when}"


class IssueLetterDialog(QDialog):
    issued = Signal(object)  # the IssuedLetterView stored
    letters_loaded = Signal()  # the pick list is filled
    preview_shown = Signal()  # the preview on screen is the current draft's (or its refusal)

    def __init__(
        self,
        context: AppContext,
        case_id: uuid.UUID,
        *,
        decision_id: uuid.UUID | None = None,
        kind_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self._wanted = (decision_id, kind_id)
        self.offered: list[OfferedLetter] = []
        self._generation = 0  # previews come back out of order: only the latest counts
        self._issuing = False
        self.setWindowTitle("Issue a letter")

        heading = QLabel("Issue a letter")
        heading.setObjectName("pageTitle")
        self.letter = QComboBox()
        self.letter.setAccessibleName("Letter")
        self.letter.setPlaceholderText("Loading the letters this case can be sent…")
        self.reasons = QPlainTextEdit()
        self.reasons.setAccessibleName("Reasons")
        self.reasons.setTabChangesFocus(True)
        self.reasons.setPlaceholderText(
            "The reasons for each finding against the applicant, in the Act's terms."
        )
        self.facts_form = LetterFactsForm()
        self.large_print = QCheckBox("Large &print (16 pt)")
        self.delivery = QComboBox()
        self.delivery.setAccessibleName("How sent")
        for member in LetterDelivery:
            self.delivery.addItem(member.value, member)
        self.delivery.setPlaceholderText("Choose")
        self.delivery.setCurrentIndex(-1)
        self.delivery_problem = QLabel()
        self.delivery_problem.setObjectName("fieldProblem")
        self.delivery_problem.hide()
        self.refusal = QLabel()
        self.refusal.setObjectName("problemSummary")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.review_warning = QLabel()
        self.review_warning.setObjectName("correctingBanner")
        self.review_warning.setWordWrap(True)
        self.review_warning.hide()

        self.preview_button = QPushButton("Pre&view again")
        self.issue_button = QPushButton("&Issue letter")
        self.issue_button.setObjectName("primaryButton")
        self.issue_button.setEnabled(False)
        self.cancel_button = QPushButton("Cancel")
        # Enter must never issue a letter by accident: only a click, Alt+I or Ctrl+Return.
        for button in (self.preview_button, self.issue_button, self.cancel_button):
            button.setAutoDefault(False)
        self.pages = PdfPagesView()
        self.pages.setMinimumWidth(560)

        form = QFormLayout()
        form.addRow(self._label("&Letter", self.letter), self.letter)
        form.addRow(self._label("&Reasons", self.reasons), self.reasons)
        form.addRow(self.facts_form)  # only the facts the chosen letter states
        form.addRow("", self.large_print)
        form.addRow(self._label("&How sent", self.delivery), self.delivery)
        form.addRow("", self.delivery_problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.issue_button)
        left = QVBoxLayout()
        left.addWidget(heading)
        left.addLayout(form)
        left.addWidget(self.refusal)
        left.addWidget(self.review_warning)
        left.addStretch(1)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.pages, 3)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(REPREVIEW_AFTER_MS)
        self._typing.timeout.connect(self.preview)
        self.letter.currentIndexChanged.connect(self._letter_chosen)
        self.large_print.toggled.connect(self.preview)
        self.reasons.textChanged.connect(self._typing.start)
        self.facts_form.edited.connect(self._typing.start)
        self.delivery.currentIndexChanged.connect(self._delivery_chosen)
        self.preview_button.clicked.connect(self.preview)
        self.issue_button.clicked.connect(self.issue)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.issue)
        self.resize(1180, 800)
        context.read(
            lambda: letters_offered(context.store, context.officer, case_id),
            self._show_offered,
            owner=self,
        )

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)  # Alt+letter moves to the field
        return label

    # The pick list.

    def _show_offered(self, offered: list[OfferedLetter]) -> None:
        self.offered = offered
        decision_id, kind_id = self._wanted
        self.letter.blockSignals(True)
        for item in offered:
            self.letter.addItem(offered_text(item))
        self.letter.setPlaceholderText("Choose a letter")
        chosen = next(
            (
                number
                for number, item in enumerate(offered)
                if (decision_id is None or item.decision_id == decision_id)
                and (kind_id is None or item.kind_id == kind_id)
                and (decision_id is not None or kind_id is not None)
            ),
            -1,
        )
        self.letter.setCurrentIndex(chosen)
        self.letter.blockSignals(False)
        self.letters_loaded.emit()
        if chosen >= 0:
            self._letter_chosen(chosen)
        else:
            self.pages.show_message("Choose a letter to see it here.")
        self.letter.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> OfferedLetter | None:
        number = self.letter.currentIndex()
        return self.offered[number] if 0 <= number < len(self.offered) else None

    def _letter_chosen(self, _number: int) -> None:
        offered = self.chosen()
        if offered is None:
            return
        of_a_decision = offered.decision_id is not None
        self.reasons.blockSignals(True)
        self.reasons.setPlainText(offered.reasons)
        self.reasons.blockSignals(False)
        self.reasons.setEnabled(of_a_decision)
        self.facts_form.set_kind(offered.kind_id, self.context.today())
        self.preview()

    def draft(self) -> LetterDraft | None:
        offered = self.chosen()
        if offered is None:
            return None
        reasons = self.reasons.toPlainText() if offered.decision_id is not None else None
        return LetterDraft(
            self.case_id,
            offered.kind_id,
            decision_id=offered.decision_id,
            reasons=reasons,
            large_print=self.large_print.isChecked(),
            facts=self.facts_form.facts(),
        )

    # Preview.

    def preview(self) -> None:
        self._typing.stop()
        draft = self.draft()
        if draft is None:
            return
        self._generation += 1
        generation = self._generation
        if self.facts_form.problems():
            # The service would refuse the same way: no need to ask it until they are given.
            self._show_refusal(GIVE_THE_FACTS)
            self.review_warning.hide()
            self.pages.show_message("No preview until the details below the reasons are given.")
            self.preview_shown.emit()
            return
        context = self.context
        today = context.today()
        self.pages.show_message("Preparing the preview…")

        def render() -> tuple[LetterPreview, list[QImage]]:
            preview = letter_preview(context.store, context.officer, draft, today=today)
            return preview, pdf_page_images(preview.pdf)

        def shown(result: tuple[LetterPreview, list[QImage]]) -> None:
            if generation == self._generation:
                preview, images = result
                self._show_refusal(None)
                warning = preview.review_warning(today)
                self.review_warning.setText(warning or "")
                self.review_warning.setVisible(warning is not None)
                self.pages.show_pages(images)
                self.preview_shown.emit()

        def refused(error: Exception) -> None:
            if generation != self._generation:
                return
            if not isinstance(error, ServiceError):
                report_error(self, error)
            self._show_refusal(str(error) if isinstance(error, ServiceError) else None)
            self.review_warning.hide()
            self.pages.show_message("No preview: this letter cannot be written as it stands.")
            self.preview_shown.emit()

        context.read(render, shown, owner=self, on_error=refused)

    def _show_refusal(self, text: str | None) -> None:
        self.refusal.setText(text or "")
        self.refusal.setVisible(text is not None)
        self.issue_button.setEnabled(text is None and self.chosen() is not None)

    # Issuing.

    def _delivery_chosen(self, _number: int) -> None:
        self.delivery_problem.hide()

    def issue(self) -> None:
        draft = self.draft()
        if self._issuing or draft is None:
            return
        if self.facts_form.problems():
            self.facts_form.reveal_problems()
            return
        if not self.issue_button.isEnabled():
            return
        delivery = self.delivery.currentData()
        if not isinstance(delivery, LetterDelivery):
            self.delivery_problem.setText(CHOOSE_DELIVERY)
            self.delivery_problem.show()
            self.delivery.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._issuing = True
        self.issue_button.setEnabled(False)
        context, case_id = self.context, self.case_id
        today = context.today()

        def failed(error: Exception) -> None:
            self._issuing = False
            self.issue_button.setEnabled(True)
            if isinstance(error, ServiceError):
                self._show_refusal(str(error))
            else:
                report_error(self, error)

        context.change(
            lambda: issue_letter(context.store, context.officer, draft, delivery, today=today),
            lambda _letter: Changes(letters=True, case_id=case_id),
            self._issued,
            owner=self,
            on_error=failed,
        )

    def _issued(self, letter: IssuedLetterView) -> None:
        self._issuing = False
        self.issued.emit(letter)
        self.accept()
