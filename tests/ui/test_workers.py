"""Background jobs: every result comes back on the UI thread; a closed window gets none."""

import threading

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.ui.context import AppContext
from hoclient.ui.workers import BackgroundJobs, Job


def test_every_one_of_300_jobs_reports_back_on_the_ui_thread(qtbot: QtBot) -> None:
    jobs = BackgroundJobs(4)
    results: list[int] = []
    threads: set[str] = set()

    def received(result: object) -> None:
        assert isinstance(result, int)
        results.append(result)
        threads.add(threading.current_thread().name)

    for number in range(300):
        job = Job.of(lambda number=number: number * 2)
        job.signals.succeeded.connect(received)
        jobs.start(job)
    qtbot.waitUntil(lambda: len(results) == 300)
    assert sorted(results) == [number * 2 for number in range(300)]
    assert threads == {threading.main_thread().name}
    qtbot.waitUntil(lambda: not jobs.busy)


def test_a_failing_job_reports_its_exception(qtbot: QtBot) -> None:
    jobs = BackgroundJobs(1)

    def fail() -> object:
        raise ValueError("the disk said no")

    job = Job.of(fail)
    with qtbot.waitSignal(job.signals.failed, timeout=5000) as failed:
        jobs.start(job)
    assert isinstance(failed.args[0], ValueError)
    assert str(failed.args[0]) == "the disk said no"


def test_a_window_closed_while_its_query_ran_is_not_called_back(
    qtbot: QtBot, store: Store, officer: OfficerView
) -> None:
    context = AppContext(store, officer)
    owner = QWidget()
    release = threading.Event()
    called: list[object] = []
    context.read(lambda: release.wait(5), called.append, owner=owner)
    Shiboken.delete(owner)  # the window is gone before the answer
    release.set()
    qtbot.waitUntil(lambda: not context.readers.busy)
    assert called == []
