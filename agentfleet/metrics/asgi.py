"""ASGI middleware counting ingest's answers: accepted (2xx) or refused, by status."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CountRequests"]


class CountRequests:
    """Counts each HTTP request's final status in ``agentfleet_ingest_requests``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from agentfleet.metrics.instruments import INGEST_REQUESTS

        status = 500  # an exception escaping the app is answered 500 by the server

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            result = "accepted" if 200 <= status < 300 else "refused"
            INGEST_REQUESTS.labels(result=result, status=str(status)).inc()
