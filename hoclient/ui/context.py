"""What every window shares: the store, the officer, the worker pools and the change signal."""

import uuid
from collections.abc import Callable
from datetime import date
from typing import TypeVar, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

from hoclient.security.roles import Permission, may
from hoclient.services.assessments import AssessmentInput
from hoclient.services.changes import Changes
from hoclient.services.clock import today_in_london
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.errors import report_error
from hoclient.ui.workers import BackgroundJobs, Job

T = TypeVar("T")

# SQLite in WAL mode lets readers run beside the one writer; two keep a slow count from
# holding up a search.
READER_THREADS = 2


class AppContext(QObject):
    """The app's shared state. `changed` carries a Changes value after every write, and each
    widget refreshes only for what it shows (style.md, Anki's OpChanges)."""

    changed = Signal(object)

    def __init__(
        self,
        store: Store,
        officer: OfficerView,
        *,
        today: Callable[[], date] = today_in_london,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.officer = officer
        self.today = today
        # Notes typed but not saved when their case window closed, until it opens again.
        self.note_drafts: dict[uuid.UUID, str] = {}
        self.assessment_drafts: dict[uuid.UUID, AssessmentInput] = {}
        self.readers = BackgroundJobs(READER_THREADS, self)
        # One writer, which sync will share: SQLite takes one write at a time, and a queue
        # here keeps two saves from racing for the lock (style.md, Picard).
        self.writer = BackgroundJobs(1, self)

    def may(self, permission: Permission) -> bool:
        """Whether the officer's role allows this: pages their role does not open stay empty
        rather than ask a service that would refuse (the services still check)."""
        return may(self.officer.role, permission)

    def read(
        self,
        work: Callable[[], T],
        on_result: Callable[[T], None],
        *,
        owner: QWidget,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Job:
        """Run a query on a reader thread; `on_result` runs on the UI thread."""
        job = Job.of(work)
        self._deliver(job, on_result, owner, on_error)
        self.readers.start(job)
        return job

    def change(
        self,
        work: Callable[[], T],
        changes: Callable[[T], Changes],
        on_result: Callable[[T], None],
        *,
        owner: QWidget,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Job:
        """Run a service that writes on the writer thread, then announce what it changed.

        The change is announced even if `owner` has gone: other windows still show the data.
        """
        job = Job.of(work)
        job.signals.succeeded.connect(lambda result: self.changed.emit(changes(cast(T, result))))
        self._deliver(job, on_result, owner, on_error)
        self.writer.start(job)
        return job

    def wait_for_workers(self) -> None:
        self.writer.wait_for_done()
        self.readers.wait_for_done()

    @staticmethod
    def _deliver(
        job: Job,
        on_result: Callable[[T], None],
        owner: QWidget,
        on_error: Callable[[Exception], None] | None,
    ) -> None:
        # A window closed while its job ran is deleted by then: its callbacks must not run.
        def succeeded(result: object) -> None:
            if Shiboken.isValid(owner):
                on_result(cast(T, result))

        def failed(error: Exception) -> None:
            if not Shiboken.isValid(owner):
                report_error(None, error)
            elif on_error is not None:
                on_error(error)
            else:
                report_error(owner.window(), error)

        job.signals.succeeded.connect(succeeded)
        job.signals.failed.connect(failed)
