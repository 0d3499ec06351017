"""Case bundles from the app: through hoclient.sync.bundle when the build has it, a plain
refusal when it does not."""

import sys
from pathlib import Path

import pytest

from hoclient.services.bundles import (
    BUNDLE_MODULE,
    NOT_AVAILABLE,
    BundleProblem,
    bundles_available,
    export_case_bundle,
    import_case_bundle,
)
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from tests.services.sync_helpers import BundleRefused, FakeBundles


@pytest.fixture
def fake_bundles(monkeypatch: pytest.MonkeyPatch) -> FakeBundles:
    fake = FakeBundles()
    monkeypatch.setitem(sys.modules, BUNDLE_MODULE, fake)
    return fake


def test_without_the_bundle_module_the_app_says_bundles_are_not_in_this_build(
    monkeypatch: pytest.MonkeyPatch, store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, BUNDLE_MODULE, None)  # import fails
    assert not bundles_available()
    with pytest.raises(BundleProblem, match=NOT_AVAILABLE):
        export_case_bundle(store, officer, "HO26-AAAA-BBBB", tmp_path / "case.hocase")


def test_export_and_import_go_through_the_bundle_module(
    fake_bundles: FakeBundles, store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    path = tmp_path / "case.hocase"
    assert bundles_available()
    assert export_case_bundle(store, officer, "HO26-AAAA-BBBB", path) == (
        "HO26-AAAA-BBBB: 7 rows written."
    )
    assert import_case_bundle(store, officer, path) == "3 rows merged, 4 already here."
    assert fake_bundles.calls == [
        ("export", store, "HO26-AAAA-BBBB", path),
        ("import", store, path),
    ]


def test_a_refused_bundle_is_explained_and_a_bug_is_not_hidden(
    fake_bundles: FakeBundles, store: Store, officer: OfficerView, tmp_path: Path
) -> None:
    fake_bundles.failure = BundleRefused("This bundle was made for another council.")
    with pytest.raises(BundleProblem, match="another council"):
        import_case_bundle(store, officer, tmp_path / "case.hocase")
    fake_bundles.failure = KeyError("rows")
    with pytest.raises(KeyError):
        import_case_bundle(store, officer, tmp_path / "case.hocase")
