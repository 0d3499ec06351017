"""The idle lock: after minutes with no key or click, every window is covered until the
signed-in officer types their password again (issue 7, part 5).

The cover is an opaque child of each window, over everything in it (menus and status bar
too): the content is hidden, not disabled, and its widgets stay alive beneath, so a
half-typed note is still there after unlocking. While locked, the app-wide event filter lets
keys, clicks and shortcuts reach only the cover.

OS session lock: Qt has no portable signal for it. Where a desktop publishes one on D-Bus
(the freedesktop and GNOME ScreenSaver `ActiveChanged`), QtDBus passes it on and the app
locks with the screen; elsewhere (Windows, macOS, desktops without it) only the idle timer
locks. applicationStateChanged is not it: it fires whenever another app takes the focus.
"""

import logging
from datetime import timedelta

from PySide6.QtCore import SLOT, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from hoclient.services.sign_in import SignInRefused, confirm_password
from hoclient.ui.context import AppContext
from hoclient.ui.errors import report_error
from hoclient.ui.workers import Job

log = logging.getLogger(__name__)

LOCKED_TITLE = "hoclient — locked"

# What counts as the officer being there.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
# What may reach only the cover while locked.
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)

_SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)


class LockCover(QFrame):
    """Covers one window while the app is locked."""

    unlock_requested = Signal(str)

    def __init__(self, window: QWidget, officer_name: str) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        title = QLabel("hoclient is locked")
        title.setObjectName("pageTitle")
        explanation = QLabel(
            f"Locked while nobody was using it. {officer_name}, type your password to carry "
            "on: nothing you typed is lost."
        )
        explanation.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.password.setPlaceholderText("Password")
        self.password.returnPressed.connect(self._submit)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setObjectName("primaryButton")
        self.unlock_button.clicked.connect(self._submit)
        self.message = QLabel()
        self.message.setObjectName("fieldProblem")
        self.message.setWordWrap(True)
        self.message.hide()

        # A fixed-width panel: word-wrapped labels need a width to work out their height.
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setFixedWidth(460)
        column = QVBoxLayout(panel)
        column.setContentsMargins(24, 24, 24, 24)
        for widget in (title, explanation, self.password, self.message):
            column.addWidget(widget)
        column.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # QObject.eventFilter
        window = self.parentWidget()
        if event.type() == QEvent.Type.Resize and window is not None and watched is window:
            self.setGeometry(window.rect())
        return False

    def _submit(self) -> None:
        if self.password.text():
            self.unlock_requested.emit(self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)

    def refuse(self, message: str) -> None:
        self.set_busy(False)
        self.password.clear()
        self.message.setText(message)
        self.message.show()
        self.password.setFocus()


class IdleLock(QObject):
    """Locks every window of the app after `idle_after` with no input, and on OS lock."""

    locked_changed = Signal(bool)

    def __init__(self, context: AppContext, *, idle_after: timedelta) -> None:
        super().__init__(context)
        self.context = context
        self.locked = False
        self._covers: list[LockCover] = []
        self._titles: dict[QWidget, str] = {}
        self._focus: dict[QWidget, QWidget] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(int(idle_after.total_seconds() * 1000), 1))
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()
        self._listen_for_screen_lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # QObject.eventFilter
        kind = event.type()
        if not self.locked:
            if kind in _ACTIVITY:
                self.timer.start()
            return False
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            # A window that opens while locked (an error message from a job that finished)
            # is covered too: its text may name a household.
            if watched.isWindow() and self._coverable(watched) and not self._covered(watched):
                QTimer.singleShot(0, lambda: self._cover(watched))
            return False
        if kind not in _INPUT:
            return False
        if isinstance(watched, QWidget):
            return not any(cover.isAncestorOf(watched) for cover in self._covers)
        # Shortcuts go to their QAction or QShortcut, which is no widget: none while locked.
        return kind in (QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride)

    @Slot()
    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self.timer.stop()
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and self._coverable(window):
                self._cover(window)
        active = QApplication.activeWindow()
        for cover in self._covers:
            if active is None or cover.parentWidget() is active:
                cover.password.setFocus()
        log.info("Locked after %s ms idle", self.timer.interval())
        self.locked_changed.emit(True)

    @staticmethod
    def _coverable(window: QWidget) -> bool:
        return not isinstance(window, QMenu | LockCover) and window.objectName() != "qtooltip_label"

    def _covered(self, window: QWidget) -> bool:
        return any(cover.parentWidget() is window for cover in self._covers)

    def _cover(self, window: QWidget) -> None:
        if not self.locked or not Shiboken.isValid(window) or self._covered(window):
            return
        if (focused := window.focusWidget()) is not None:
            self._focus[window] = focused
        # A case window's title names the applicant.
        self._titles[window] = window.windowTitle()
        window.setWindowTitle(LOCKED_TITLE)
        cover = LockCover(window, self.context.officer.display_name)
        cover.unlock_requested.connect(lambda password, c=cover: self._try_unlock(c, password))
        self._covers.append(cover)

    def _try_unlock(self, cover: LockCover, password: str) -> None:
        for each in self._covers:
            each.set_busy(True)
        store, officer = self.context.store, self.context.officer
        # argon2id is slow on purpose, and a failure is written: the writer thread.
        job = Job.of(lambda: confirm_password(store, officer, password))
        job.signals.succeeded.connect(lambda _result: self.unlock())
        job.signals.failed.connect(lambda error: self._refused(cover, error))
        self.context.writer.start(job)

    def _refused(self, cover: LockCover, error: Exception) -> None:
        for each in self._covers:
            each.set_busy(False)
        if not Shiboken.isValid(cover):
            return
        if isinstance(error, SignInRefused):
            cover.refuse(str(error))
        else:
            report_error(cover.window(), error)

    def unlock(self) -> None:
        for cover in self._covers:
            if Shiboken.isValid(cover):
                cover.deleteLater()
                cover.hide()
        self._covers.clear()
        for window, title in self._titles.items():
            if Shiboken.isValid(window):
                window.setWindowTitle(title)
        self._titles.clear()
        for window, focused in self._focus.items():
            if Shiboken.isValid(window) and Shiboken.isValid(focused):
                focused.setFocus(Qt.FocusReason.OtherFocusReason)
        self._focus.clear()
        self.locked = False
        self.timer.start()
        self.locked_changed.emit(False)

    def _listen_for_screen_lock(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # QtDBus is built for Linux only
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for service, path in _SCREEN_SAVERS:
            bus.connect(
                service,
                path,
                service,
                "ActiveChanged",
                self,
                SLOT("screen_saver_changed(bool)").encode(),
            )

    @Slot(bool)
    def screen_saver_changed(self, active: bool) -> None:
        if active:
            self.lock()
