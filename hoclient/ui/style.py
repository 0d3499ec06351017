"""The look: Fusion, so every laptop draws the same widgets, and a small stylesheet."""

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


def resources_dir() -> Path:
    """resources/: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root / "resources"


def apply_look(app: QApplication) -> None:
    app.setStyle("Fusion")
    folder = resources_dir()
    path = folder / "hoclient.qss"
    try:
        # Qt reads url() in a stylesheet against the working folder, not the sheet's own.
        app.setStyleSheet(
            path.read_text(encoding="utf-8").replace("@resources@", folder.as_posix())
        )
    except OSError as error:
        # Plain Fusion is still a working app; a packaging slip should not stop casework.
        log.warning("Stylesheet not loaded from %s: %s", path, error)
