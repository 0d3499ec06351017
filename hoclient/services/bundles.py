"""Case bundles in the app: one case carried between laptops where there is no network;
importing goes through the same merge as sync, so importing twice changes nothing (DESIGN.md,
Sync; hoclient/sync/bundle.py)."""

from pathlib import Path

from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.errors import ServiceError
from hoclient.services.sync_followups import refresh_derived_rows
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.bundle import BundleError, export_bundle, import_bundle
from hoclient.sync.engine import SyncFailed

FILE_SUFFIX = ".hocase"


class BundleProblem(ServiceError):
    """A bundle could not be written or read; the message says why."""


def export_case_bundle(store: Store, officer: OfficerView, reference: str, path: Path) -> str:
    """Write the case to `path`; what was written, in words."""
    require(officer, Permission.READ_CASEWORK)
    try:
        rows = export_bundle(store, reference, path)
    except (BundleError, SyncFailed, OSError) as error:
        raise BundleProblem(str(error)) from error
    return f"Case {reference} written to {path.name} ({rows} records)."


def import_case_bundle(store: Store, officer: OfficerView, path: Path) -> str:
    """Merge the bundle at `path` into this laptop's store; what changed, in words."""
    require(officer, Permission.WRITE_CASEWORK)
    try:
        result = import_bundle(store, path, after_apply=refresh_derived_rows)
    except (BundleError, SyncFailed, OSError) as error:
        raise BundleProblem(str(error)) from error
    return result.summary()
