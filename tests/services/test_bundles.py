"""Case bundles from the app's services: written by the sync engine's bundle code, read back
through the same merge, a bad file explained with nothing changed."""

from pathlib import Path

import pytest

from hoclient.services.bundles import BundleProblem, export_case_bundle, import_case_bundle
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.dump import dump_synced_rows
from tests.services.helpers import approach_for, record


def _rows(store: Store) -> object:
    with store.engine.connect() as connection:
        return dump_synced_rows(connection)


def test_a_case_written_to_a_bundle_and_read_back_changes_nothing(
    store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    case = record(store, officer, approach_for("Okafor", "Grace"))
    path = tmp_path / "case.hocase"
    written = export_case_bundle(store, officer, case.reference, path)
    assert written.summary.startswith(f"Case {case.reference} written to case.hocase")
    # This store is not enrolled, so it has no bundle key: the officer is told, plainly.
    assert not written.encrypted and "NOT encrypted" in written.summary
    assert "not enrolled" in written.explanation
    assert case.reference in path.read_text()
    before = _rows(store)
    assert import_case_bundle(store, officer, path) == (
        f"{case.reference}: 0 record(s) added, 0 updated, 0 conflict(s) to resolve. "
        "The bundle was NOT encrypted: delete the file once imported."
    )
    assert _rows(store) == before


def test_a_file_that_is_not_a_bundle_is_explained_and_changes_nothing(
    store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    record(store, officer, approach_for())
    path = tmp_path / "notes.hocase"
    path.write_text("shopping list")
    before = _rows(store)
    with pytest.raises(BundleProblem):
        import_case_bundle(store, officer, path)
    assert _rows(store) == before


def test_an_unknown_case_is_not_exported(
    store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    with pytest.raises(BundleProblem):
        export_case_bundle(store, officer, "HO26-AAAA-BBBB", tmp_path / "case.hocase")
    assert not (tmp_path / "case.hocase").exists()
