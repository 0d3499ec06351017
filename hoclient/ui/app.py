"""Start the app: the QApplication, the look, the store, sign-in, the main window and its
idle lock."""

import logging
import os
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hoclient import __version__
from hoclient.services.clock import today_in_london
from hoclient.services.officers import current_officer
from hoclient.services.sign_in import can_anyone_sign_in, idle_lock_after, last_username
from hoclient.services.views import OfficerView
from hoclient.store.errors import StoreError
from hoclient.store.handle import Store, open_store
from hoclient.store.store_key import StoreFile, store_file_kind
from hoclient.ui.errors import report_error
from hoclient.ui.idle_lock import IdleLock
from hoclient.ui.main_window import MainWindow
from hoclient.ui.sign_in_dialog import SignInDialog
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


def start_session(
    store: Store,
    officer: OfficerView,
    *,
    idle_after: timedelta | None = None,
    today: Callable[[], date] = today_in_london,
) -> MainWindow | VolunteerWindow:
    """The window for the officer who signed in, chosen by role alone: a volunteer gets the
    count-only window, with no casework; everyone else the main window. Either locks when
    idle."""
    window: MainWindow | VolunteerWindow
    if officer.role is Role.VOLUNTEER:
        window = VolunteerWindow(store, officer, today=today)
    else:
        window = MainWindow(store, officer=officer, today=today)
    window.idle_lock = IdleLock(window.context, idle_after=idle_after or idle_lock_after(store))
    return window


def open_window(
    store: Store, *, today: Callable[[], date] = today_in_london
) -> MainWindow | VolunteerWindow:
    """The window for the laptop's current officer, already signed in (tests and tools)."""
    apply_look(application())
    return start_session(store, current_officer(store), today=today)


def run_app_at(path: Path, *, dev_plain: bool = False) -> int:
    """Open the store at `path`, sign in, and run until the officer quits; the exit status.

    A store that cannot be opened (no keyring, a wrong or missing key) is said in a dialog
    and on standard error, and the app ends without touching it.
    """
    if problem := display_problem():
        print(problem, file=sys.stderr)
        return 1
    app = application()
    apply_look(app)
    notice = None
    file = path.expanduser()
    if not dev_plain and file.is_file() and store_file_kind(file) is StoreFile.PLAINTEXT:
        # Encrypting a store from before encryption took 150 s for 20,000 cases (500 MB) on a
        # busy machine (benchmarks/README.md): say why nothing else shows meanwhile.
        notice = QMessageBox(
            QMessageBox.Icon.Information,
            "Encrypting this laptop's store",
            "hoclient is encrypting this laptop's store. This happens once and can take a few "
            "minutes for a large store; leave the laptop on.",
            QMessageBox.StandardButton.NoButton,
        )
        notice.show()
        app.processEvents()
    try:
        store = open_store(path, dev_plain=dev_plain)
    except StoreError as error:
        if notice is not None:
            notice.close()
        print(f"hoclient: {error}", file=sys.stderr)
        QMessageBox.critical(None, "hoclient cannot open its store", str(error))
        return 1
    if notice is not None:
        notice.close()
    try:
        return run_app(store)
    finally:
        store.close()


def run_app(store: Store) -> int:
    """Sign in on `store`, open the main window and run until the officer quits."""
    if problem := display_problem():
        print(problem, file=sys.stderr)
        return 1
    app = application()
    apply_look(app)
    dialog = SignInDialog(
        store,
        username=last_username(store),
        anyone_enrolled=can_anyone_sign_in(store),
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.officer is None:
        return 0
    window = start_session(store, dialog.officer)

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
