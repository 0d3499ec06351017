"""Stand-ins for sync tests that need no real centre: centres that misbehave."""

import httpx


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
