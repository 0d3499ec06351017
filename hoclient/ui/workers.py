"""Work off the UI thread: a QRunnable per job, one pool per purpose (style.md, Picard)."""

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int], None]  # (done, total); called on the pool thread


class JobSignals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the Exception; object, so subclasses pass through unchanged


class Job(QRunnable):
    """Runs `work` on a pool thread; its signals arrive, queued, on the UI thread."""

    def __init__(self, work: Callable[[Progress, threading.Event], object]) -> None:
        super().__init__()
        self.signals = JobSignals()  # made on the UI thread, so its receivers run there
        self.cancel_requested = threading.Event()  # `work` checks it between steps
        self._work = work

    @classmethod
    def of(cls, call: Callable[[], object]) -> "Job":
        """A job for a single service call, which reports no progress and cannot be cancelled."""
        return cls(lambda _progress, _cancel: call())

    def run(self) -> None:  # pool thread: no widgets; services open their own Session
        try:
            result = self._work(self.signals.progress.emit, self.cancel_requested)
        except Exception as error:  # the UI must always leave its busy state
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class BackgroundJobs(QObject):
    """A pool for one purpose. Holds each job until it reports back."""

    def __init__(self, max_threads: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)  # 1 for the store's writer
        self._running: set[Job] = set()

    def start(self, job: Job) -> None:
        """Start `job`; connect its receivers first, so they run before the job is let go."""
        self._running.add(job)  # unheld, a job loses its signals: 0 of 300 results arrived
        job.signals.succeeded.connect(lambda _result: self._running.discard(job))
        job.signals.failed.connect(lambda _error: self._running.discard(job))
        self._pool.start(job)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait_for_done(self) -> None:
        """Block until every started job has finished: on quit, nothing typed is lost."""
        self._pool.waitForDone()
