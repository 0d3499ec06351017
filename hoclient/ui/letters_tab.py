"""The Letters tab: every letter issued on the case, newest first; open any of them exactly as
it was issued, or issue a new one.

An issued letter is never edited: a correction is a new letter (DESIGN.md, Data).
"""

import uuid

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.letters import IssuedLetterView, issued_letter_pdf, letters_of
from hoclient.ui.context import AppContext
from hoclient.ui.errors import report_error
from hoclient.ui.formatting import counted, london_time
from hoclient.ui.issue_letter_dialog import IssueLetterDialog
from hoclient.ui.pdf_pages import PdfPagesView, pdf_page_images
from hoclient.ui.table_model import Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view
from hoclient.ui.windows import bring_to_front, give_keyboard_back

NEW_LETTER_SHORTCUT = "Ctrl+Shift+L"

LETTER_COLUMNS: tuple[Column[IssuedLetterView], ...] = (
    Column("Issued", lambda letter: london_time(letter.issued_at)),
    Column("Letter", lambda letter: letter.title),
    Column("How sent", lambda letter: letter.delivery.value),
    Column("By", lambda letter: letter.issued_by_name),
    Column("Large print", lambda letter: "Large print" if letter.large_print else ""),
)


class LettersModel(RowsModel[IssuedLetterView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(LETTER_COLUMNS, parent)


class LetterViewer(QDialog):
    """An issued letter, read-only, exactly as issued."""

    def __init__(
        self, letter: IssuedLetterView, images: list[QImage], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{letter.title} — issued {london_time(letter.issued_at)}")
        facts = QLabel(
            f"<b>{letter.title}</b><br>Issued {london_time(letter.issued_at)} by "
            f"{letter.issued_by_name}; {letter.delivery.value.lower()}."
            f"{' Large print.' if letter.large_print else ''}<br>"
            f"SHA-256 {letter.pdf_sha256} (checked when opened)"
        )
        facts.setWordWrap(True)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages = PdfPagesView()
        self.pages.show_pages(images)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addWidget(self.pages, 1)
        layout.addLayout(row)
        self.resize(880, 900)
        self.pages.setFocus(Qt.FocusReason.OtherFocusReason)


class LettersTab(QWidget):
    letter_opened = Signal(object)  # the LetterViewer shown

    def __init__(
        self, context: AppContext, case_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.issue_dialog: IssueLetterDialog | None = None
        self.viewer: LetterViewer | None = None

        self.model = LettersModel(self)
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Letters issued, newest first")
        set_column_widths(
            self.view,
            {
                0: "25 Nov 2026 14:05",
                1: "Decision: we owe you the relief duty (s189B)",
                2: "Handed over",
            },
        )
        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.empty_hint = QLabel("No letter has been issued on this case yet.")
        self.empty_hint.setObjectName("emptyHint")
        self.new_letter_button = QPushButton("&New letter…")
        self.new_letter_button.setObjectName("primaryButton")
        self.new_letter_button.setToolTip(f"Issue a letter on this case ({NEW_LETTER_SHORTCUT})")
        self.open_button = QPushButton("&Open letter")
        self.open_button.setToolTip("Open the selected letter exactly as it was issued (Enter)")
        self.open_button.setEnabled(False)

        self.new_letter_button.clicked.connect(lambda: self.open_issue_dialog())
        self.open_button.clicked.connect(self.open_selected)
        self.view.activated.connect(self._activated)  # Enter or double-click
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        QShortcut(QKeySequence(NEW_LETTER_SHORTCUT), self, lambda: self.open_issue_dialog())

        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.open_button)
        top.addWidget(self.new_letter_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        self.reload()

    def reload(self) -> None:
        # One case's letters by an indexed case_id, PDFs left on disk: quick for the UI thread.
        try:
            letters = letters_of(self.context.store, self.context.officer, self.case_id)
        except Exception as error:  # NotAllowed, NotFound, or a bug: said, never swallowed
            report_error(self.window(), error)
            return
        self.model.set_rows(letters)
        self.summary.setText(counted(len(letters), "letter", "letters") + " issued, newest first")
        self.empty_hint.setVisible(not letters)

    def selected_letter(self) -> IssuedLetterView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected_letter() is not None)

    def _activated(self, index: QModelIndex) -> None:
        letter = self.model.row_at(index.row())
        if letter is not None:
            self.open_letter(letter)

    def open_selected(self) -> None:
        letter = self.selected_letter()
        if letter is not None:
            self.open_letter(letter)

    def open_letter(self, letter: IssuedLetterView) -> None:
        """Read the PDF back (its hash checked) and show its pages, off the UI thread."""
        context = self.context

        def pages() -> list[QImage]:
            return pdf_page_images(
                issued_letter_pdf(context.store, context.officer, letter.letter_id)
            )

        def show(images: list[QImage]) -> None:
            viewer = LetterViewer(letter, images, self.window())
            viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            viewer.finished.connect(self._viewer_closed)
            self.viewer = viewer
            viewer.open()
            self.letter_opened.emit(viewer)

        context.read(pages, show, owner=self)

    def _viewer_closed(self) -> None:
        self.viewer = None
        give_keyboard_back(self.window())

    def open_issue_dialog(
        self, *, decision_id: uuid.UUID | None = None, kind_id: str | None = None
    ) -> IssueLetterDialog:
        """The issue dialog, pre-filled with the letter a decision offers when one is named."""
        if self.issue_dialog is not None:
            bring_to_front(self.issue_dialog)
            return self.issue_dialog
        dialog = IssueLetterDialog(
            self.context,
            self.case_id,
            decision_id=decision_id,
            kind_id=kind_id,
            parent=self.window(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._issue_dialog_closed)
        self.issue_dialog = dialog
        dialog.open()
        return dialog

    def _issue_dialog_closed(self) -> None:
        self.issue_dialog = None
        give_keyboard_back(self.window())
