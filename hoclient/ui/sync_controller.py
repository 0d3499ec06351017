"""Background sync: every few minutes and on demand, on the store's writer thread, never two
at once; what happened last is kept for the status bar and the Sync page.

Sync shares the one writer (context.py): SQLite takes one write at a time, and a save queued
behind a sync waits for it rather than failing on a locked store.
"""

import logging
import threading
from datetime import UTC, datetime

import httpx
from PySide6.QtCore import QObject, QTimer, Signal

from hoclient.services.changes import Changes
from hoclient.services.sync_runs import (
    Contact,
    SyncCancelled,
    SyncOutcome,
    SyncProblem,
    enrolled_server,
    run_sync,
    set_sync_interval,
    sync_interval_minutes,
)
from hoclient.ui.context import AppContext
from hoclient.ui.errors import officer_message
from hoclient.ui.workers import Job, Progress

log = logging.getLogger(__name__)

# The first background sync waits a little after start-up, so the window opens first.
FIRST_SYNC_DELAY_MS = 10_000
# What a sync may have changed: anything the centre sent.
RECEIVED = Changes(cases=True, household=True, notes=True, persons=True)


class SyncController(QObject):
    """Runs syncs for the app. `state_changed` after anything the status bar shows moves."""

    state_changed = Signal()
    finished = Signal(object)  # SyncOutcome, or the exception that stopped the sync
    _stage_reported = Signal(str)  # emitted on the writer thread, received on the UI thread

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # None in the app: a real connection. Tests put an in-process transport here.
        self.transport: httpx.BaseTransport | None = None
        self.server = enrolled_server(context.store)
        self.contact: Contact | None = None  # None: no sync tried since the app opened
        self.last_problem: str | None = None
        self.last_summary: str | None = None
        self.last_attempt_at: datetime | None = None
        self.stage = ""
        self._job: Job | None = None
        self._pages_applied = False  # a failed sync may still have brought pages in
        self._stage_reported.connect(self._show_stage)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.interval_minutes = sync_interval_minutes(context.store)
        self.timer.setInterval(self.interval_minutes * 60_000)
        if self.enrolled:
            self.timer.start()
            QTimer.singleShot(FIRST_SYNC_DELAY_MS, self, self.sync_now)

    @property
    def enrolled(self) -> bool:
        return self.server is not None

    @property
    def running(self) -> bool:
        return self._job is not None

    def sync_now(self) -> bool:
        """Start a sync unless one is running or the laptop is not enrolled; True if started."""
        if self.running or not self.enrolled:
            return False
        store, officer, transport = self.context.store, self.context.officer, self.transport
        stage = self._stage_reported.emit

        def work(_progress: Progress, cancel: threading.Event) -> SyncOutcome:
            return run_sync(store, officer, transport=transport, on_stage=stage, cancel=cancel)

        job = Job(work)
        job.signals.succeeded.connect(self._succeeded)
        job.signals.failed.connect(self._failed)
        self._job = job
        self._pages_applied = False
        self.stage = "Starting to sync…"
        self.state_changed.emit()
        self.context.writer.start(job)
        return True

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel_requested.set()

    def set_interval(self, minutes: int) -> None:
        """Save how often to sync (InvalidInput out of range) and restart the clock with it."""
        self.interval_minutes = set_sync_interval(self.context.store, self.context.officer, minutes)
        self.timer.setInterval(self.interval_minutes * 60_000)
        if self.enrolled:
            self.timer.start()

    def _show_stage(self, words: str) -> None:
        if self.running:
            self.stage = words
            self._pages_applied = self._pages_applied or "(page" in words
            self.state_changed.emit()

    def _succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, SyncOutcome)
        self._job = None
        self.contact, self.last_problem = Contact.ONLINE, None
        self.last_summary = outcome.summary
        self.last_attempt_at = datetime.now(UTC)
        self.stage = ""
        if outcome.received_rows:
            self.context.changed.emit(RECEIVED)
        self.state_changed.emit()
        self.finished.emit(outcome)

    def _failed(self, error: object) -> None:
        assert isinstance(error, Exception)
        self._job = None
        self.last_attempt_at = datetime.now(UTC)
        self.stage = ""
        if isinstance(error, SyncProblem):
            self.contact = error.contact
        elif not isinstance(error, SyncCancelled):
            # A bug, not a network problem: said plainly, logged with its traceback.
            log.error("Sync failed unexpectedly", exc_info=error)
            self.contact = Contact.REFUSED
        self.last_problem = officer_message(error)
        if self._pages_applied:  # pages applied before the failure are in the store
            self.context.changed.emit(RECEIVED)
        self.state_changed.emit()
        self.finished.emit(error)
