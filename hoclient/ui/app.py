"""Start the app: the QApplication, the look, the officer, the main window."""

import logging
import os
import sys
from collections.abc import Callable
from datetime import date
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from hoclient import __version__
from hoclient.services.clock import today_in_london
from hoclient.services.officers import current_officer
from hoclient.store.handle import Store
from hoclient.ui.errors import report_error
from hoclient.ui.main_window import MainWindow
from hoclient.ui.street_count.volunteer_window import VolunteerWindow
from hoclient.ui.style import apply_look
from hoclient.vocabulary import Role

log = logging.getLogger(__name__)

NO_DISPLAY = (
    "hoclient: there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are "
    "not set).\n"
    "Run it on a virtual display with `xvfb-run hoclient`, or set QT_QPA_PLATFORM=offscreen "
    "to run it without showing anything."
)


def display_problem() -> str | None:
    """Why no window can open here, or None. Qt itself would abort with a core dump."""
    if not sys.platform.startswith("linux"):
        return None
    if any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return NO_DISPLAY


def application() -> QApplication:
    existing = QCoreApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("hoclient")
    app.setOrganizationName("hoclient")
    app.setApplicationVersion(__version__)
    return app


def open_main_window(store: Store, *, today: Callable[[], date] = today_in_london) -> MainWindow:
    """Everything run_app does before the event loop: tests start the app this way."""
    apply_look(application())
    return MainWindow(store, today=today)


def open_window(
    store: Store, *, today: Callable[[], date] = today_in_london
) -> MainWindow | VolunteerWindow:
    """The window for whoever works on this laptop, chosen by role alone (so sign-in decides
    it): a volunteer gets the count-only window, with no casework; everyone else the main
    window."""
    apply_look(application())
    officer = current_officer(store)
    if officer.role is Role.VOLUNTEER:
        return VolunteerWindow(store, officer, today=today)
    return MainWindow(store, officer=officer, today=today)


def run_app(store: Store) -> int:
    """Open the main window on `store` and run until the officer quits; the exit status."""
    if problem := display_problem():
        print(problem, file=sys.stderr)
        return 1
    app = application()
    window = open_window(store)

    def report_uncaught(
        kind: type[BaseException], error: BaseException, traceback: TracebackType | None
    ) -> None:
        # An exception escaping a slot would otherwise be printed to a console nobody reads.
        log.error("Uncaught exception", exc_info=(kind, error, traceback))
        report_error(window, error)

    previous_hook, sys.excepthook = sys.excepthook, report_uncaught
    window.show()
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        window.context.wait_for_workers()
