"""The Sync page: how this laptop stands with the centre, Sync now, how often, case bundles,
and the Conflicts view (each conflict's two values, who and when; keep one, or type another).
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hoclient.services.bundles import (
    FILE_SUFFIX,
    import_case_bundle,
)
from hoclient.services.changes import Changes
from hoclient.services.conflict_edits import (
    can_type_value,
    field_words,
    keep_value,
    resolve_with_value,
    typed_value_problem,
    value_as_typed,
    value_words,
)
from hoclient.services.conflicts import Choice
from hoclient.services.errors import InvalidInput, ServiceError
from hoclient.services.sync_runs import INTERVAL_RANGE
from hoclient.services.sync_status import (
    ConflictSide,
    ConflictView,
    SyncStatus,
    list_conflicts,
    sync_status,
)
from hoclient.ui.context import AppContext
from hoclient.ui.errors import officer_message, report_error
from hoclient.ui.formatting import london_time
from hoclient.ui.status_bar import (
    NOT_CONNECTED,
    contact_text,
    last_sync_text,
    pending_text,
)
from hoclient.ui.sync_controller import RECEIVED, SyncController
from hoclient.ui.table_model import ROW_ROLE, Column, RowsModel
from hoclient.ui.views import set_column_widths, table_view


def side_who(side: ConflictSide) -> str:
    return side.by_name or ("Unknown officer" if side.by_id else "Not recorded")


def side_when(side: ConflictSide) -> str:
    return london_time(side.at) if side.at else ""


def _value(conflict: ConflictView, side: ConflictSide) -> str:
    return value_words(conflict.table, conflict.field, side.value)


CONFLICT_COLUMNS: tuple[Column[ConflictView], ...] = (
    Column("Case", lambda c: c.case_reference or "(no case)"),
    Column("Field", lambda c: field_words(c.table, c.field)),
    Column("Yours", lambda c: _value(c, c.mine)),
    Column("Changed by", lambda c: side_who(c.mine)),
    Column("When", lambda c: side_when(c.mine)),
    Column("Theirs (kept for now)", lambda c: _value(c, c.theirs)),
    Column("Changed by", lambda c: side_who(c.theirs)),
    Column("When", lambda c: side_when(c.theirs)),
)


class SyncPage(QWidget):
    def __init__(
        self, context: AppContext, sync: SyncController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.sync = sync
        title = QLabel("Sync")
        title.setObjectName("pageTitle")

        self.server_label = QLabel()
        self.server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact_label = QLabel()
        self.contact_label.setWordWrap(True)
        self.pending_label = QLabel()
        self.last_sync_label = QLabel()
        facts = QFormLayout()
        facts.addRow("Central service", self.server_label)
        facts.addRow("Contact", self.contact_label)
        facts.addRow("Changes to send", self.pending_label)
        facts.addRow("Last sync", self.last_sync_label)

        self.sync_now_button = QPushButton("&Sync now")
        self.sync_now_button.setToolTip("Send this laptop's changes and receive the centre's (F5)")
        self.sync_now_button.clicked.connect(self.sync_now)
        self.stop_button = QPushButton("S&top")
        self.stop_button.setToolTip("Stop at the next safe step; the rest goes next time")
        self.stop_button.clicked.connect(sync.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the engine reports steps, not a total: a busy bar
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Sync in progress")
        self.stage_label = QLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.sync_now_button)
        actions.addWidget(self.stop_button)
        actions.addWidget(self.progress)
        actions.addWidget(self.stage_label, 1)

        self.interval = QSpinBox()
        self.interval.setRange(*INTERVAL_RANGE)
        self.interval.setSuffix(" minutes")
        self.interval.setValue(sync.interval_minutes)
        self.interval.setAccessibleName("Sync every")
        self.interval.editingFinished.connect(self._interval_edited)
        interval_label = QLabel("Sync &every")
        interval_label.setBuddy(self.interval)
        self.import_button = QPushButton("&Import case bundle…")
        self.import_button.clicked.connect(self.choose_bundle_to_import)
        self.import_button.setToolTip("Merge a case bundle from another laptop")
        settings = QHBoxLayout()
        settings.addWidget(interval_label)
        settings.addWidget(self.interval)
        settings.addStretch(1)
        settings.addWidget(self.import_button)
        self.result_label = QLabel()
        self.result_label.setObjectName("syncResult")
        self.result_label.setWordWrap(True)

        self.conflicts_heading = QLabel("Conflicts")
        self.conflicts_heading.setObjectName("sectionHeading")
        explain = QLabel(
            "The same field was changed on two laptops to different values. The centre's "
            "value stands until you choose: keep yours, keep theirs, or type the right one."
        )
        explain.setWordWrap(True)
        self.conflicts = RowsModel(CONFLICT_COLUMNS, self)
        self.conflicts_view = table_view()
        self.conflicts_view.setModel(self.conflicts)
        self.conflicts_view.setAccessibleName("Conflicts")
        set_column_widths(
            self.conflicts_view,
            {
                0: "HO26-MWMW-MWMW",
                1: "Case: accommodation at approach",
                2: "Citizens Advice",
                3: "Officer Name",
                4: "25 Nov 2026 14:05",
                5: "Citizens Advice",
                6: "Officer Name",
            },
        )
        self.conflicts_view.selectionModel().selectionChanged.connect(self._selected)
        self.empty_label = QLabel("No conflicts: every change has merged.")
        self.empty_label.setObjectName("emptyHint")

        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.keep_mine_button = QPushButton("Keep &mine")
        self.keep_mine_button.clicked.connect(lambda: self.keep("mine"))
        self.keep_theirs_button = QPushButton("Keep t&heirs")
        self.keep_theirs_button.clicked.connect(lambda: self.keep("theirs"))
        self.typed_value = QLineEdit()
        self.typed_value.setAccessibleName("Another value")
        self.typed_value.textEdited.connect(self._check_typed)
        self.typed_value.returnPressed.connect(self.save_typed)
        typed_label = QLabel("Or type &another value")
        typed_label.setBuddy(self.typed_value)
        self.save_typed_button = QPushButton("Sa&ve this value")
        self.save_typed_button.clicked.connect(self.save_typed)
        self.typed_problem = QLabel()
        self.typed_problem.setObjectName("fieldProblem")
        self.typed_problem.setWordWrap(True)
        choose = QHBoxLayout()
        choose.addWidget(self.keep_mine_button)
        choose.addWidget(self.keep_theirs_button)
        choose.addSpacing(16)
        choose.addWidget(typed_label)
        choose.addWidget(self.typed_value, 1)
        choose.addWidget(self.save_typed_button)
        self.chooser = QWidget()
        chooser_layout = QVBoxLayout(self.chooser)
        chooser_layout.setContentsMargins(0, 0, 0, 0)
        chooser_layout.addWidget(self.chosen_label)
        chooser_layout.addLayout(choose)
        chooser_layout.addWidget(self.typed_problem)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(facts)
        layout.addLayout(actions)
        layout.addLayout(settings)
        layout.addWidget(self.result_label)
        layout.addWidget(self.conflicts_heading)
        layout.addWidget(explain)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.conflicts_view, 1)
        layout.addWidget(self.chooser)

        self._request = 0
        self._typed_request = 0
        sync.state_changed.connect(self.refresh)
        context.changed.connect(self._data_changed)
        self.refresh()

    # Status.

    def refresh(self) -> None:
        self._show_status()
        self._request += 1
        request, store, officer = self._request, self.context.store, self.context.officer

        def read() -> tuple[SyncStatus, list[ConflictView]]:
            return sync_status(store), list_conflicts(store, officer)

        def show(result: tuple[SyncStatus, list[ConflictView]]) -> None:
            status, conflicts = result
            if request == self._request:
                self.pending_label.setText(pending_text(status.pending_changes))
                self.last_sync_label.setText(last_sync_text(status.last_sync_at))
                self._show_conflicts(conflicts)

        self.context.read(read, show, owner=self)

    def _show_status(self) -> None:
        sync = self.sync
        self.server_label.setText(sync.server or NOT_CONNECTED)
        contact = contact_text(sync)
        if sync.enrolled and sync.last_attempt_at is not None and not sync.running:
            contact += f" (tried {london_time(sync.last_attempt_at)})"
        if sync.last_problem:
            contact += f": {sync.last_problem}"
        self.contact_label.setText(contact)
        self.sync_now_button.setEnabled(sync.enrolled and not sync.running)
        self.sync_now_button.setToolTip(
            "Send this laptop's changes and receive the centre's (F5)"
            if sync.enrolled
            else f"{NOT_CONNECTED}: enrol this laptop first (hoclient enrol)."
        )
        self.stop_button.setVisible(sync.running)
        self.progress.setVisible(sync.running)
        self.stage_label.setText(sync.stage if sync.running else "")
        # A problem is said under Contact; a summary only for a sync that finished.
        self.result_label.setText("" if sync.last_problem else sync.last_summary or "")

    def sync_now(self) -> None:
        if not self.sync.sync_now():
            reason = "A sync is already running." if self.sync.running else f"{NOT_CONNECTED}."
            self.stage_label.setText(reason)

    def _interval_edited(self) -> None:
        minutes = self.interval.value()
        if minutes == self.sync.interval_minutes:
            return
        try:
            self.sync.set_interval(minutes)
        except ServiceError as error:
            report_error(self.window(), error)
            self.interval.setValue(self.sync.interval_minutes)

    def _data_changed(self, _changes: Changes) -> None:
        self.refresh()

    # Conflicts.

    def _show_conflicts(self, conflicts: list[ConflictView]) -> None:
        chosen = self.chosen_conflict()
        self.conflicts.set_rows(conflicts)
        self.conflicts_heading.setText(
            f"Conflicts ({len(conflicts)})" if conflicts else "Conflicts"
        )
        self.empty_label.setVisible(not conflicts)
        self.conflicts_view.setVisible(bool(conflicts))
        keep = next(
            (n for n, c in enumerate(conflicts) if chosen and c.conflict_id == chosen.conflict_id),
            0,
        )
        if conflicts:
            self.conflicts_view.selectRow(keep)
        self._selected()

    def focus_conflicts(self) -> None:
        if self.conflicts.rowCount():
            self.conflicts_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.sync_now_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def chosen_conflict(self) -> ConflictView | None:
        rows = self.conflicts_view.selectionModel().selectedRows()
        if not rows:
            return None
        chosen = self.conflicts.data(rows[0], ROW_ROLE)
        return chosen if isinstance(chosen, ConflictView) else None

    def _selected(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        conflict = self.chosen_conflict()
        self.chooser.setEnabled(conflict is not None)
        self.chooser.setVisible(conflict is not None)
        self.typed_problem.clear()
        if conflict is None:
            return
        case = conflict.case_reference or "No case"
        self.chosen_label.setText(
            f"<b>{case} — {field_words(conflict.table, conflict.field)}</b><br>"
            f"Yours: {_value(conflict, conflict.mine)} ({side_who(conflict.mine)}, "
            f"{side_when(conflict.mine) or 'time not recorded'})<br>"
            f"Theirs: {_value(conflict, conflict.theirs)} ({side_who(conflict.theirs)}, "
            f"{side_when(conflict.theirs) or 'time not recorded'})"
        )
        typed = can_type_value(conflict.table, conflict.field)
        self.typed_value.setEnabled(typed)
        self.save_typed_button.setEnabled(typed)
        self.typed_value.setText(
            value_as_typed(conflict.table, conflict.field, conflict.mine.value) if typed else ""
        )
        self.typed_value.setPlaceholderText(
            "" if typed else "This field cannot be typed: keep one of the two values"
        )

    def keep(self, side: Choice) -> None:
        conflict = self.chosen_conflict()
        if conflict is None:
            return
        store, officer = self.context.store, self.context.officer
        self._resolve(conflict, lambda: keep_value(store, officer, conflict.conflict_id, side))

    def save_typed(self) -> None:
        conflict = self.chosen_conflict()
        if conflict is None or not self.save_typed_button.isEnabled():
            return
        store, officer, text = self.context.store, self.context.officer, self.typed_value.text()
        today = self.context.today()
        self._resolve(
            conflict,
            lambda: resolve_with_value(store, officer, conflict.conflict_id, text, today=today),
        )

    def _resolve(self, conflict: ConflictView, work: Callable[[], None]) -> None:
        self.chooser.setEnabled(False)

        def done(_result: object) -> None:
            self.result_label.setText(
                "Resolved. The choice goes to the centre with the next sync."
                if not self.sync.enrolled
                else "Resolved. Sending it to the centre…"
            )
            self.sync.sync_now()  # the resolution syncs now, not in five minutes

        def refused(error: Exception) -> None:
            self.chooser.setEnabled(True)
            if isinstance(error, InvalidInput):
                self.typed_problem.setText(officer_message(error))
            else:
                report_error(self.window(), error)

        self.context.change(
            work,
            lambda _result: Changes(
                cases=True, persons=True, household=True, case_id=conflict.case_id
            ),
            done,
            owner=self,
            on_error=refused,
        )

    def _check_typed(self, text: str) -> None:
        conflict = self.chosen_conflict()
        if conflict is None:
            return
        self._typed_request += 1
        request, store, today = self._typed_request, self.context.store, self.context.today()

        def show(problem: str | None) -> None:
            if request == self._typed_request:
                self.typed_problem.setText(problem or "")
                self.save_typed_button.setEnabled(problem is None)

        self.context.read(
            lambda: typed_value_problem(store, conflict.conflict_id, text, today=today),
            show,
            owner=self,
        )

    # Bundles.

    def choose_bundle_to_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Import case bundle", "", f"Case bundles (*{FILE_SUFFIX});;All files (*)"
        )
        if name:
            self.import_bundle_from(Path(name))

    def import_bundle_from(self, path: Path) -> None:
        store, officer = self.context.store, self.context.officer
        self.context.change(
            lambda: import_case_bundle(store, officer, path),
            lambda _words: RECEIVED,
            lambda words: self.result_label.setText(words),
            owner=self,
        )
