"""Case bundles in the app: one case carried between laptops where there is no network;
importing goes through the same merge as sync, so importing twice changes nothing (DESIGN.md,
Sync; hoclient/sync/bundle.py). An enrolled laptop's bundles are encrypted with the council's
bundle key; the officer is told whether the file written (or read) was."""

from dataclasses import dataclass
from pathlib import Path

from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.errors import ServiceError
from hoclient.services.sync_followups import refresh_derived_rows
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.bundle import NOT_SEALED_WARNING, BundleError, export_bundle, import_bundle
from hoclient.sync.engine import SyncFailed

FILE_SUFFIX = ".hocase"


class BundleProblem(ServiceError):
    """A bundle could not be written or read; the message says why."""


@dataclass(frozen=True)
class BundleWritten:
    summary: str  # what was written, in words
    encrypted: bool
    explanation: str  # who can open it, or why it is in the clear


def export_case_bundle(
    store: Store, officer: OfficerView, reference: str, path: Path
) -> BundleWritten:
    """Write the case to `path`; what was written, and whether it is encrypted."""
    require(officer, Permission.READ_CASEWORK)
    try:
        result = export_bundle(store, reference, path)
    except (BundleError, SyncFailed, OSError) as error:
        raise BundleProblem(str(error)) from error
    if result.sealed:
        return BundleWritten(
            f"Case {reference} written to {path.name} ({result.rows} records), encrypted.",
            True,
            "It is encrypted with the council's case-bundle key: only a laptop enrolled with "
            "the same sync service can open it.",
        )
    return BundleWritten(
        f"Case {reference} written to {path.name} ({result.rows} records), NOT encrypted.",
        False,
        NOT_SEALED_WARNING,
    )


def import_case_bundle(store: Store, officer: OfficerView, path: Path) -> str:
    """Merge the bundle at `path` into this laptop's store; what changed, in words."""
    require(officer, Permission.WRITE_CASEWORK)
    try:
        result = import_bundle(store, path, after_apply=refresh_derived_rows)
    except (BundleError, SyncFailed, OSError) as error:
        raise BundleProblem(str(error)) from error
    if result.sealed:
        return f"{result.summary()} The bundle was encrypted with the council's key."
    return f"{result.summary()} The bundle was NOT encrypted: delete the file once imported."
