"""Case bundles in the app: Export bundle on the case window, Import on the Sync page."""

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from tests.ui.conftest import OpenApp
from tests.ui.helpers import record_case


def test_a_case_is_exported_from_its_window_and_a_bundle_imported_on_the_sync_page(
    qtbot: QtBot, open_app: OpenApp, store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    case = record_case(store, officer)
    window = open_app(store)
    case_window = window.open_case(case.case_id)
    assert case_window is not None and case_window.export_button.isEnabled()
    path = tmp_path / "visit.hocase"
    case_window.export_bundle_to(path)  # what the save dialog hands on
    qtbot.waitUntil(
        lambda: case_window.export_result.text().startswith(f"Case {case.reference} written")
    )
    assert path.exists()

    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    page = window.sync_page
    assert page.import_button.isEnabled()
    with qtbot.waitSignal(window.context.changed, timeout=5000):
        page.import_bundle_from(path)  # what the open dialog hands on
    qtbot.waitUntil(
        lambda: (
            page.result_label.text()
            == f"{case.reference}: 0 record(s) added, 0 updated, 0 conflict(s) to resolve."
        )
    )
