"""A synchronous httpx transport that calls an ASGI app in-process (no socket).

starlette's TestClient now wants the httpx2 package; the laptop's client is httpx, so the
tests drive the app through httpx's own ASGITransport, one event loop per request.
"""

import asyncio

import httpx
from starlette.types import ASGIApp


class InProcessTransport(httpx.BaseTransport):
    def __init__(self, app: ASGIApp) -> None:
        self._inner = httpx.ASGITransport(app=app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        async def call() -> httpx.Response:
            response = await self._inner.handle_async_request(request)
            body = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=body)

        return asyncio.run(call())
