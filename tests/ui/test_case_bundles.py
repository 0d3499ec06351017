"""Case bundles in the app: Export bundle on the case window, Import on the Sync page."""

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hoclient.services.bundles import BUNDLE_MODULE, NOT_AVAILABLE
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from tests.services.sync_helpers import FakeBundles
from tests.ui.conftest import OpenApp
from tests.ui.helpers import record_case


def test_without_bundles_in_the_build_both_actions_are_disabled_and_say_why(
    monkeypatch: pytest.MonkeyPatch, open_app: OpenApp, store: Store, officer: OfficerView
) -> None:
    monkeypatch.setitem(sys.modules, BUNDLE_MODULE, None)
    case = record_case(store, officer)
    window = open_app(store)
    assert not window.sync_page.import_button.isEnabled()
    assert window.sync_page.import_button.toolTip() == NOT_AVAILABLE
    assert not window.import_bundle_action.isEnabled()
    case_window = window.open_case(case.case_id)
    assert case_window is not None
    assert not case_window.export_button.isEnabled()
    assert case_window.export_button.toolTip() == NOT_AVAILABLE


def test_a_case_is_exported_from_its_window_and_a_bundle_imported_on_the_sync_page(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    open_app: OpenApp,
    store: Store,
    officer: OfficerView,
    tmp_path: Path,
) -> None:
    bundles = FakeBundles()
    monkeypatch.setitem(sys.modules, BUNDLE_MODULE, bundles)
    case = record_case(store, officer)
    window = open_app(store)
    case_window = window.open_case(case.case_id)
    assert case_window is not None and case_window.export_button.isEnabled()
    path = tmp_path / "visit.hocase"
    case_window.export_bundle_to(path)  # what the save dialog hands on
    qtbot.waitUntil(
        lambda: case_window.export_result.text() == f"{case.reference}: 7 rows written."
    )
    assert bundles.calls == [("export", store, case.reference, path)]

    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    page = window.sync_page
    assert page.import_button.isEnabled()
    with qtbot.waitSignal(window.context.changed, timeout=5000):
        page.import_bundle_from(path)  # what the open dialog hands on
    qtbot.waitUntil(lambda: page.result_label.text() == "3 rows merged, 4 already here.")
    assert bundles.calls[-1] == ("import", store, path)
