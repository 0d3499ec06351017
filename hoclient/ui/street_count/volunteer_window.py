"""The volunteer's window: the count form, the team's entries and the area's running tally.

It shows nothing of casework: no navigation, no search, no cases. Each entry is saved the
moment "Record" is pressed (Ctrl+Return); what is being typed is kept as a draft in the store,
so closing or losing the app mid-entry loses nothing recorded and not even the half-typed one.
"""

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.changes import Changes
from hoclient.services.clock import LONDON, today_in_london
from hoclient.services.errors import InvalidInput
from hoclient.services.street_count_entries import (
    AreaTally,
    EntryView,
    area_entries,
    area_tally,
    correct_entry,
    entry_problems,
    load_draft,
    record_entry,
    save_draft,
)
from hoclient.services.street_count_setup import Assignment, my_assignment
from hoclient.services.street_count_sync import sync_count_device
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.context import AppContext
from hoclient.ui.errors import report_error
from hoclient.ui.idle_lock import IdleLock
from hoclient.ui.street_count.entry_form import EntryForm
from hoclient.ui.table_model import Column, RowsModel
from hoclient.ui.workers import Job

WINDOW_TITLE = "hoclient — Street count"

ENTRY_COLUMNS: tuple[Column[EntryView], ...] = (
    Column("Time", lambda e: e.details.seen_at.astimezone(LONDON).strftime("%H:%M"), True),
    Column("Who", lambda e: f"{e.details.sex.value}, {e.details.age_band.value.lower()}"),
    Column(
        "Counted",
        lambda e: ("Yes" if e.counted else "No") + (" (corrected)" if e.versions > 1 else ""),
    ),
    Column("Where", lambda e: e.location),
)


def tally_text(tally: AreaTally) -> str:
    people = "person" if tally.counted == 1 else "people"
    return (
        f"{tally.area_name}: {tally.counted} {people} counted\n"
        f"{tally.seen_not_counted} seen, not counted"
    )


class VolunteerWindow(QMainWindow):
    entry_saved = Signal(object)  # the EntryView, once it is in the store
    loaded = Signal()  # entries and tally shown

    def __init__(
        self,
        store: Store,
        officer: OfficerView,
        *,
        today: Callable[[], date] = today_in_london,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.context = context = AppContext(store, officer, today=today, parent=self)
        self.idle_lock: IdleLock | None = None  # set by start_session
        self._saving = False
        self._now = now or (lambda: datetime.now(LONDON))
        self.setObjectName("volunteerWindow")
        self.setProperty("largeType", True)  # the stylesheet's large type for the street
        self.setWindowTitle(WINDOW_TITLE)
        self.assignment: Assignment | None = my_assignment(context.store, context.officer)
        self.correcting: EntryView | None = None
        QShortcut(QKeySequence("Ctrl+S"), self, self.sync)
        if self.assignment is None:
            self._show_unassigned()
        else:
            self._build(self.assignment)

    def _build(self, assignment: Assignment) -> None:
        context = self.context
        heading = QLabel(
            f"{assignment.count.name}, {assignment.count.night_of:%-d %B %Y}\n"
            f"{assignment.team_name} · {assignment.area_name}"
        )
        heading.setObjectName("countHeading")
        route = QLabel(assignment.route)
        route.setWordWrap(True)
        self.form = EntryForm(assignment.count.night_of)
        self.form.clear(now=self._now())
        self.form.restore(load_draft(context.store, context.officer))
        self.form.edited.connect(self._keep_draft)
        self.form.edited.connect(self._recheck)
        self.record_button = QPushButton("&Record (Ctrl+Enter)")
        self.record_button.setObjectName("primary")
        self.record_button.clicked.connect(self.record)
        self.withdraw_button = QPushButton("&Withdraw this entry (made in error)")
        self.withdraw_button.clicked.connect(self.withdraw)
        self.cancel_button = QPushButton("Cancel correction (Esc)")
        self.cancel_button.clicked.connect(self.cancel_correction)
        self.tally = QLabel()
        self.tally.setObjectName("tally")
        self.tally.setWordWrap(True)
        self.model: RowsModel[EntryView] = RowsModel(ENTRY_COLUMNS, self)
        self.entries = QTableView()
        self.entries.setModel(self.model)
        self.entries.setAccessibleName("Entries in this area")
        self.entries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entries.verticalHeader().hide()
        self.entries.horizontalHeader().setStretchLastSection(True)
        self.entries.activated.connect(lambda index: self.start_correction(index.row()))
        self.correct_button = QPushButton("&Correct the chosen entry (Ctrl+E)")
        self.correct_button.clicked.connect(
            lambda: self.start_correction(self.entries.currentIndex().row())
        )

        form_side = QVBoxLayout()
        form_side.addWidget(heading)
        form_side.addWidget(route)
        form_side.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button, 1)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.cancel_button)
        form_side.addLayout(buttons)
        form_side.addStretch(1)
        form_panel = QWidget()
        form_panel.setLayout(form_side)
        scroll = QScrollArea()
        scroll.setWidget(form_panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        list_side = QVBoxLayout()
        list_side.addWidget(self.tally)
        list_side.addWidget(self.entries, 1)
        list_side.addWidget(self.correct_button)
        list_side.addWidget(self._sync_button())
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(scroll, 11)
        layout.addLayout(list_side, 9)
        self.setCentralWidget(central)

        QShortcut(QKeySequence("Ctrl+Return"), self, self.record)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.record)
        QShortcut(QKeySequence("Ctrl+E"), self, self.correct_button.click)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_correction)
        self._show_mode()
        context.changed.connect(self._changed)
        self.reload()
        self.resize(1280, 860)

    # Recording and correcting.

    def record(self) -> None:
        if self.assignment is None or self._saving:
            return  # one save at a time: a second Ctrl+Enter must not record twice
        details = self.form.details()
        store, officer = self.context.store, self.context.officer
        correcting = self.correcting
        if correcting is None:
            area_id = self.assignment.area_id
            work: Callable[[], EntryView] = lambda: record_entry(store, officer, area_id, details)  # noqa: E731
        else:
            entry_id = correcting.entry_id
            work = lambda: correct_entry(store, officer, entry_id, details)  # noqa: E731
        self._save(work)

    def withdraw(self) -> None:
        if self.correcting is None or self._saving:
            return
        store, officer = self.context.store, self.context.officer
        entry = self.correcting
        self._save(
            lambda: correct_entry(store, officer, entry.entry_id, entry.details, withdrawn=True)
        )

    def start_correction(self, row: int) -> None:
        entry = self.model.row_at(row)
        if entry is None:
            self.statusBar().showMessage("Choose an entry in the list to correct.", 4000)
            return
        self.correcting = entry
        self.form.show_details(entry.details)
        self.form.show_problems({})
        self._show_mode()
        self.form.street.setFocus()

    def cancel_correction(self) -> None:
        if self.correcting is None:
            return
        self.correcting = None
        self.form.clear(now=self._now())
        self._show_mode()

    def _save(self, work: Callable[[], EntryView]) -> None:
        self._saving = True
        self.form.hold_draft()
        self.record_button.setEnabled(False)
        self.context.change(
            work,
            lambda _entry: Changes(),
            self._saved,
            owner=self,
            on_error=self._refused,
        )

    def _saved(self, entry: EntryView) -> None:
        self._saving = False
        was_correcting = self.correcting is not None
        self.correcting = None
        self.form.clear(now=self._now())
        self._show_mode()
        self.record_button.setEnabled(True)
        self.form.street.setFocus()
        self.statusBar().showMessage(
            "Correction saved." if was_correcting else "Recorded. Ready for the next person.",
            5000,
        )
        self.entry_saved.emit(entry)  # the list reloads on the context's `changed`

    def _refused(self, error: Exception) -> None:
        self._saving = False
        self.record_button.setEnabled(True)
        if isinstance(error, InvalidInput):
            self.form.show_problems(error.problems)
        else:
            report_error(self, error)

    def _show_mode(self) -> None:
        correcting = self.correcting is not None
        self.record_button.setText(
            "Save &correction (Ctrl+Enter)" if correcting else "&Record (Ctrl+Enter)"
        )
        self.withdraw_button.setVisible(correcting)
        self.cancel_button.setVisible(correcting)

    def _recheck(self) -> None:
        """Once Record has been refused, the message follows the typing: it goes as soon as
        the entry would be saved."""
        if self.assignment is None or not self.form.problems.isVisible():
            return
        count = self.assignment.count
        self.form.show_problems(entry_problems(self.form.details(), count.starts_at, count.ends_at))

    def _keep_draft(self) -> None:
        if self.correcting is not None or self._saving:
            return  # a correction starts from the entry itself, already safe
        store, officer, fields = self.context.store, self.context.officer, self.form.draft()
        self.context.writer.start(Job.of(lambda: save_draft(store, officer, fields)))

    # The list and the tally.

    def reload(self) -> None:
        assignment = self.assignment
        if assignment is None:
            return
        store, officer = self.context.store, self.context.officer
        count_id, area_id = assignment.count.count_id, assignment.area_id

        def load() -> tuple[list[EntryView], AreaTally]:
            return (
                area_entries(store, officer, count_id, area_id),
                area_tally(store, officer, count_id, area_id),
            )

        self.context.read(load, self._show, owner=self)

    def _show(self, loaded: tuple[list[EntryView], AreaTally]) -> None:
        entries, tally = loaded
        self.model.set_rows(entries)
        # Sized after the stylesheet's large type has reached the view, not before.
        self.entries.resizeColumnsToContents()
        self.tally.setText(tally_text(tally))
        self.loaded.emit()

    def _changed(self, _changes: Changes) -> None:
        self.reload()

    def _show_unassigned(self) -> None:
        message = QLabel(
            "You are not on a team for any count on this device yet.\n"
            "Sync when you have signal, or ask the count coordinator."
        )
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message.setWordWrap(True)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.addWidget(message, 1)
        layout.addWidget(self._sync_button())
        self.setCentralWidget(panel)
        self.resize(900, 500)

    # Sync, at the count base.

    def _sync_button(self) -> QPushButton:
        button = QPushButton("S&ync now (Ctrl+S)")
        button.clicked.connect(self.sync)
        return button

    def sync(self) -> None:
        store, officer = self.context.store, self.context.officer
        self.statusBar().showMessage("Syncing…")
        self.context.change(
            lambda: sync_count_device(store, officer),
            lambda _summary: Changes(),
            self._synced,
            owner=self,
        )

    def _synced(self, summary: str) -> None:
        self.statusBar().showMessage(summary, 10000)
        if self.assignment is None:
            self.assignment = my_assignment(self.context.store, self.context.officer)
            if self.assignment is not None:  # their count has arrived
                self._build(self.assignment)

    def closeEvent(self, event: QCloseEvent) -> None:  # QWidget.closeEvent
        self.context.wait_for_workers()  # a draft or an entry being saved finishes first
        super().closeEvent(event)
