"""Case bundles in the app: one case, encrypted, carried between laptops where there is no
network; importing goes through the same merge as sync (DESIGN.md, Sync).

The bundle code lives in `hoclient.sync.bundle`, which a build may not hold yet: it is looked
up when used, and the app's actions say plainly when it is missing.
"""

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import cast

from hoclient.security.roles import Permission
from hoclient.services.access import require
from hoclient.services.errors import ServiceError
from hoclient.services.views import OfficerView
from hoclient.store.handle import Store
from hoclient.sync.engine import SyncFailed

BUNDLE_MODULE = "hoclient.sync.bundle"
NOT_AVAILABLE = "Case bundles are not available in this build"
FILE_SUFFIX = ".hocase"


class BundleProblem(ServiceError):
    """A bundle could not be written or read; the message says why."""


def bundles_available() -> bool:
    return _bundle_module() is not None


def export_case_bundle(store: Store, officer: OfficerView, reference: str, path: Path) -> str:
    """Write the case to `path`; what was written, in words."""
    require(officer, Permission.READ_CASEWORK)
    export = cast(Callable[[Store, str, Path], object], _function("export_bundle"))
    result = _call(lambda: export(store, reference, path))
    return _words(result, f"Case {reference} written to {path.name}.")


def import_case_bundle(store: Store, officer: OfficerView, path: Path) -> str:
    """Merge the bundle at `path` into this laptop's store; what changed, in words."""
    require(officer, Permission.WRITE_CASEWORK)
    import_ = cast(Callable[[Store, Path], object], _function("import_bundle"))
    result = _call(lambda: import_(store, path))
    return _words(result, f"{path.name} imported.")


def _bundle_module() -> ModuleType | None:
    try:
        return importlib.import_module(BUNDLE_MODULE)
    except ImportError:
        return None


def _function(name: str) -> object:
    module = _bundle_module()
    function = getattr(module, name, None) if module is not None else None
    if function is None:
        raise BundleProblem(f"{NOT_AVAILABLE}.")
    return function


def _call(work: Callable[[], object]) -> object:
    try:
        return work()
    except ServiceError:
        raise
    except (SyncFailed, OSError) as error:
        raise BundleProblem(str(error)) from error
    except Exception as error:
        # The bundle module's own errors are explained refusals (a wrong file, a bad key);
        # anything else is a bug and goes on up as one.
        if type(error).__module__ == BUNDLE_MODULE:
            raise BundleProblem(str(error)) from error
        raise


def _words(result: object, fallback: str) -> str:
    summary = getattr(result, "summary", None)
    if callable(summary):
        return str(summary())
    return result if isinstance(result, str) and result else fallback
