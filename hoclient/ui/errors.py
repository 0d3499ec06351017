"""One way to tell the officer something failed (style.md, qutebrowser).

A ServiceError or StoreError is a problem the officer can act on: its words are the message.
Anything else is a bug: its traceback goes to the log and the officer is told plainly that
something went wrong. Nothing is swallowed and nothing takes the app down.
"""

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from hoclient.services.errors import ServiceError
from hoclient.store.errors import StoreError

log = logging.getLogger(__name__)

KNOWN_ERRORS = (ServiceError, StoreError)


def officer_message(error: BaseException) -> str:
    if isinstance(error, KNOWN_ERRORS):
        return str(error)
    return f"Something went wrong: {error}"


def report_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """Show `error` in a window-modal box that does not block the event loop."""
    known = isinstance(error, KNOWN_ERRORS)
    if not known:
        log.error("Unexpected error shown to the officer", exc_info=error)
    box = QMessageBox(
        QMessageBox.Icon.Warning if known else QMessageBox.Icon.Critical,
        "hoclient",
        officer_message(error),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    if not known:
        box.setInformativeText(
            "Anything saved before this is kept. The details are in the log: "
            "tell support what you were doing."
        )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
