"""Window handling shared by the main window and the case windows."""

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget


def bring_to_front(window: QWidget) -> None:
    """Show `window` and give it the keyboard, instead of opening a second copy."""
    window.show()
    # The offscreen platform (tests, screenshots) cannot raise a window and warns each time.
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
    window.activateWindow()


def give_keyboard_back(window: QWidget) -> None:
    """After a dialog or window closes, hand the keyboard to `window`, unless something else
    (another window, another app) has taken it. Some window managers, and the offscreen
    platform, leave no window active, and keyboard shortcuts then go nowhere."""

    def take_it() -> None:
        if QApplication.activeWindow() is None and window.isVisible():
            window.activateWindow()

    QTimer.singleShot(0, window, take_it)  # after the closing window has gone
