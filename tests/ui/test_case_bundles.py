"""Case bundles in the app: Export bundle on the case window, Import on the Sync page; each
tells the officer whether the file is encrypted, and shows why a bundle cannot be opened."""

from pathlib import Path

import keyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.credentials import BUNDLE_KEY_SERVICE
from hoclient.sync.settings import read_device_id
from hoclient.ui.case_window import CaseWindow
from hoclient.ui.main_window import MainWindow
from tests.sync.asgi import InProcessTransport
from tests.sync.conftest import Laptops
from tests.ui.conftest import OpenApp
from tests.ui.helpers import record_case
from tests.ui.sync_helpers import app_on

SCREENSHOTS = Path("/tmp/sealed-bundles")


def export_from(qtbot: QtBot, window: MainWindow, case_id: object, path: Path) -> CaseWindow:
    case_window = window.open_case(case_id)  # type: ignore[arg-type]
    assert case_window is not None and case_window.export_button.isEnabled()
    case_window.export_bundle_to(path)  # what the save dialog hands on
    qtbot.waitUntil(lambda: case_window.export_notice is not None)
    return case_window


def look_at(case_window: CaseWindow, name: str) -> None:
    """Saved for a person to look at: the case window and the box over it."""
    SCREENSHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # the title row lays out its new words first
    case_window.grab().save(str(SCREENSHOTS / f"{name}-window.png"))
    assert case_window.export_notice is not None
    case_window.export_notice.grab().save(str(SCREENSHOTS / f"{name}-box.png"))


def import_on_sync_page(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.sync_page.import_button.isEnabled()
    window.sync_page.import_bundle_from(path)  # what the open dialog hands on


def test_a_store_that_is_not_enrolled_says_its_bundle_is_not_encrypted(
    qtbot: QtBot, open_app: OpenApp, store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    case = record_case(store, officer)
    window = open_app(store)
    path = tmp_path / "visit.hocase"
    case_window = export_from(qtbot, window, case.case_id, path)

    notice = case_window.export_notice
    assert notice is not None and notice.icon() is QMessageBox.Icon.Warning
    assert notice.text().startswith(f"Case {case.reference} written")
    assert "NOT encrypted" in notice.text()
    assert "not enrolled" in notice.informativeText()
    assert case_window.export_result.text() == "Bundle NOT encrypted"
    look_at(case_window, "plain")
    assert path.exists()

    with qtbot.waitSignal(window.context.changed, timeout=5000):
        import_on_sync_page(qtbot, window, path)
    qtbot.waitUntil(
        lambda: (
            window.sync_page.result_label.text()
            == f"{case.reference}: 0 record(s) added, 0 updated, 0 conflict(s) to resolve. "
            "The bundle was NOT encrypted: delete the file once imported."
        )
    )


def test_an_enrolled_laptop_writes_an_encrypted_bundle_and_a_laptop_without_the_key_says_why(
    qtbot: QtBot,
    open_app: OpenApp,
    laptops: Laptops,
    centre_transport: InProcessTransport,
    tmp_path: Path,
) -> None:
    laptops.officer("grace")
    grace = laptops.enrolled("grace")
    window = app_on(open_app, grace, centre_transport)
    case = record_case(grace.store, grace.officer)
    path = tmp_path / "visit.hocase"
    case_window = export_from(qtbot, window, case.case_id, path)

    notice = case_window.export_notice
    assert notice is not None and notice.icon() is QMessageBox.Icon.Information
    assert notice.text().endswith("encrypted.") and "NOT" not in notice.text()
    assert "only a laptop enrolled with the same sync service" in notice.informativeText()
    assert case_window.export_result.text() == "Bundle written, encrypted"
    look_at(case_window, "sealed")
    assert case.reference.encode() not in path.read_bytes()
    notice.close()
    case_window.close()

    import_on_sync_page(qtbot, window, path)
    qtbot.waitUntil(
        lambda: window.sync_page.result_label.text().endswith(
            "The bundle was encrypted with the council's key."
        )
    )

    # As a laptop enrolled before there was a key: the bundle is refused, in words.
    with grace.store.engine.connect() as connection:
        keyring.delete_password(BUNDLE_KEY_SERVICE, str(read_device_id(connection)))
    import_on_sync_page(qtbot, window, path)
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)))
    (box,) = window.findChildren(QMessageBox)
    assert "enrol this laptop with the sync service to open it" in box.text()
    box.grab().save(str(SCREENSHOTS / "no-key-box.png"))
