"""The Notes tab: the case's notes, newest first. A note is never edited: a correction is a
new note that points at the one it corrects (DESIGN.md, Data)."""

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.case_notes import add_case_note, note_text_problem, notes_of
from hoclient.services.changes import Changes
from hoclient.services.errors import InvalidInput
from hoclient.services.views import NoteView
from hoclient.ui.context import AppContext
from hoclient.ui.errors import report_error
from hoclient.ui.formatting import counted, london_time
from hoclient.ui.table_model import AnyIndex, Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view

CORRECTED_MARK = "Corrected — see later note"
ADD_NOTE_SHORTCUT = "Ctrl+Return"
NOTE_COLUMN = 2


class NotesModel(RowsModel[NoteView]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (
                Column("Written", lambda note: london_time(note.written_at)),
                Column("By", lambda note: note.author_name),
                Column("Note", lambda note: self._note_text(note)),
            ),
            parent,
        )
        self._written_at: dict[uuid.UUID, str] = {}  # for "Corrects the note of <time>"

    def set_rows(self, rows: Sequence[NoteView]) -> None:
        self._written_at = {note.note_id: london_time(note.written_at) for note in rows}
        super().set_rows(rows)

    def _note_text(self, note: NoteView) -> str:
        lines = []
        if note.corrected_by_note_id is not None:
            lines.append(CORRECTED_MARK)
        if note.corrects_note_id is not None:
            when = self._written_at.get(note.corrects_note_id, "an earlier note")
            lines.append(f"Corrects the note of {when}")
        lines.append(note.text)
        return "\n".join(lines)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        note = self.row_at(index.row()) if index.isValid() else None
        if role == Qt.ItemDataRole.ForegroundRole and note and note.corrected_by_note_id:
            return QColor("#6b6b6b")  # still readable, plainly no longer the last word
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop  # beside a long note
        return super().data(index, role)


class NotesTab(QWidget):
    note_added = Signal(object)  # the NoteView saved

    def __init__(
        self, context: AppContext, case_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self._correcting: NoteView | None = None
        self._saving = False

        self.model = NotesModel(self)
        self.view = table_view()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAccessibleName("Notes, newest first")
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        set_column_widths(self.view, {0: "25 Nov 2026 14:05", 1: "Christopher Fitzgerald"})
        self.summary = QLabel()

        self.correct_note_button = QPushButton("&Correct selected note…")
        self.correct_note_button.setToolTip(
            "Write a new note that corrects the selected one; the original stays on the case"
        )
        self.correct_note_button.setEnabled(False)
        self.correcting_label = QLabel()
        self.correcting_label.setObjectName("correctingBanner")
        self.correcting_label.setWordWrap(True)
        self.correcting_label.hide()
        self.cancel_correction_button = QPushButton("Cancel correction")
        self.cancel_correction_button.hide()
        self.note_text = QPlainTextEdit()
        self.note_text.setPlaceholderText(
            "Write a note: what happened, what was agreed, what happens next."
        )
        self.note_text.setAccessibleName("New note")
        self.note_text.setTabChangesFocus(True)  # Tab moves on; Ctrl+Return saves
        self.note_text.setMaximumHeight(120)
        self.note_problem = QLabel()
        self.note_problem.setObjectName("fieldProblem")
        self.note_problem.hide()
        self.add_note_button = QPushButton("Add &note")
        self.add_note_button.setToolTip(f"Save the note ({ADD_NOTE_SHORTCUT})")
        self.add_note_button.setObjectName("primaryButton")

        self.add_note_button.clicked.connect(self.add_note)
        self.correct_note_button.clicked.connect(self.correct_selected_note)
        self.cancel_correction_button.clicked.connect(self._end_correction)
        self.note_text.textChanged.connect(self._text_changed)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        QShortcut(
            QKeySequence(ADD_NOTE_SHORTCUT),
            self.note_text,
            self.add_note,
            Qt.ShortcutContext.WidgetShortcut,
        )

        top = QHBoxLayout()
        top.addWidget(self.summary)
        top.addStretch(1)
        top.addWidget(self.correct_note_button)
        correcting = QHBoxLayout()
        correcting.addWidget(self.correcting_label, 1)
        correcting.addWidget(self.cancel_correction_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note_problem)
        bottom.addStretch(1)
        bottom.addWidget(self.add_note_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(correcting)
        layout.addWidget(self.note_text)
        layout.addLayout(bottom)
        self.reload()

    def reload(self) -> None:
        # One case's notes, by an indexed case_id: quick enough for the UI thread.
        notes = notes_of(self.context.store, self.context.officer, self.case_id)
        self.model.set_rows(notes)
        self.summary.setText(counted(len(notes), "note", "notes") + ", newest first")

    def selected_note(self) -> NoteView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def add_note(self) -> None:
        """Save the note typed (or the correction); a blank note is refused, nothing saved."""
        if self._saving:
            return
        text = self.note_text.toPlainText()
        if problem := note_text_problem(text):
            self._show_problem(problem)
            return
        self._saving = True
        self.add_note_button.setEnabled(False)
        context, case_id = self.context, self.case_id
        corrects = self._correcting.note_id if self._correcting else None
        context.change(
            lambda: add_case_note(
                context.store, context.officer, case_id, text, corrects_note_id=corrects
            ),
            lambda _note: Changes(notes=True, case_id=case_id),
            self._note_saved,
            owner=self,
            on_error=self._note_failed,
        )

    def correct_selected_note(self) -> None:
        note = self.selected_note()
        if note is None:
            return
        self._correcting = note
        self.correcting_label.setText(
            f"Correcting the note of {london_time(note.written_at)} by {note.author_name}. "
            "The original stays on the case, marked as corrected."
        )
        self.correcting_label.show()
        self.cancel_correction_button.show()
        self.add_note_button.setText("&Save correction")
        self.note_text.setPlainText(note.text)
        self.note_text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _end_correction(self) -> None:
        self._correcting = None
        self.correcting_label.hide()
        self.cancel_correction_button.hide()
        self.add_note_button.setText("Add &note")

    def _note_saved(self, note: NoteView) -> None:
        self._saving = False
        self.add_note_button.setEnabled(True)
        self.note_text.clear()
        self._end_correction()
        self.note_added.emit(note)

    def _note_failed(self, error: Exception) -> None:
        self._saving = False
        self.add_note_button.setEnabled(True)
        if isinstance(error, InvalidInput):
            self._show_problem(str(error))
        else:
            report_error(self.window(), error)

    def _show_problem(self, problem: str) -> None:
        self.note_problem.setText(problem)
        self.note_problem.show()
        self.note_text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _text_changed(self) -> None:
        if self.note_problem.isVisible() and not note_text_problem(self.note_text.toPlainText()):
            self.note_problem.hide()
            self.note_problem.clear()

    def _selection_changed(self) -> None:
        self.correct_note_button.setEnabled(self.selected_note() is not None)
