"""Stand-ins for sync tests that need no real centre: centres that misbehave, and the case
bundle module a build may not hold yet."""

import types
from pathlib import Path

import httpx

from hoclient.services.bundles import BUNDLE_MODULE
from hoclient.store.handle import Store


class Unreachable(httpx.BaseTransport):
    """The network cable pulled: every request fails to connect."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)


class Answers(httpx.BaseTransport):
    """A centre that answers every request with one status and detail."""

    def __init__(self, status: int, detail: str) -> None:
        self.status, self.detail = status, detail

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(self.status, json={"detail": self.detail})


class BundleRefused(Exception):
    """As the bundle module's own errors are: an explained refusal."""


BundleRefused.__module__ = BUNDLE_MODULE


class FakeBundles(types.ModuleType):
    """Stands in for hoclient.sync.bundle: records its calls."""

    def __init__(self) -> None:
        super().__init__(BUNDLE_MODULE)
        self.calls: list[tuple[object, ...]] = []
        self.failure: Exception | None = None

    def export_bundle(self, store: Store, reference: str, path: Path) -> str:
        self.calls.append(("export", store, reference, path))
        if self.failure:
            raise self.failure
        return f"{reference}: 7 rows written."

    def import_bundle(self, store: Store, path: Path) -> str:
        self.calls.append(("import", store, path))
        if self.failure:
            raise self.failure
        return "3 rows merged, 4 already here."
