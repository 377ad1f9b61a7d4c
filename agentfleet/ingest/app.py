"""The ingest ASGI app: Sentry-compatible endpoints plus two webhooks; accepted events are in Redis before the 200.

- ``POST /api/<project>/envelope/`` and ``/api/<project>/store/``: what Sentry SDKs send, authenticated
  by the DSN public key (mapped to a repo in the fleet file).
- ``POST /hooks/sentry/<repo>``: an existing Sentry's integration webhooks (HMAC-SHA256 verified).
- ``POST /hooks/generic/<repo>``: one JSON error from anything else (bearer token).

Every endpoint authenticates before it reads a body; every refusal is a 4xx (or 503 while Redis is
away) with a message saying what to fix, and nothing of a refused request is kept.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import anyio
from pydantic import ValidationError
from redis.exceptions import RedisError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from agentfleet.core.context import Context
from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import RepoConfig
from agentfleet.ingest.auth import KeyMap, check_bearer, check_signature, sentry_key
from agentfleet.ingest.body import check_content_type, decompress, read_limited
from agentfleet.ingest.envelope import MalformedEnvelope, event_payloads, json_object
from agentfleet.ingest.sentry import InvalidEvent, from_sentry
from agentfleet.ingest.stream import BacklogFull, StreamWriter
from agentfleet.ingest.webhooks import GenericError, sentry_hook_event
from agentfleet.metrics.asgi import CountRequests

__all__ = ["create_app", "from_settings"]

log = logging.getLogger(__name__)

_ENVELOPE_TYPES = ("application/x-sentry-envelope", "text/plain", "application/octet-stream")
_JSON_TYPES = ("application/json", "text/plain")
_OFFLOAD_BYTES = 64 * 1024
"""Bodies larger than this (decompressed) are parsed and normalised in a worker thread, one at a time."""

T = TypeVar("T")
Prepared = list[tuple[str, str]]
"""Events ready for the stream: ``(event_id, ErrorEvent JSON)``."""


class _Ingest:
    """Request handlers sharing the context, the stream writer and the current DSN key map."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.config = ctx.settings.ingest
        self.writer = StreamWriter(ctx.settings.redis_url, self.config.stream, self.config.max_backlog)
        fleet = ctx.fleet  # a broken fleet file fails here, at start
        self._keys: tuple[object, KeyMap] = (fleet, KeyMap.from_fleet(fleet))
        self._broken = ""
        self._heavy: anyio.CapacityLimiter | None = None

    def keys(self) -> KeyMap:
        """The key map of the current fleet file; the last good one while the file is broken."""
        try:
            fleet = self.ctx.fleet
            if self._keys[0] is not fleet:
                self._keys = (fleet, KeyMap.from_fleet(fleet))
        except ConfigError as exc:
            if str(exc) != self._broken:
                self._broken = str(exc)
                log.error("fleet file invalid, keeping the previous DSN keys: %s", exc)
        return self._keys[1]

    async def body(self, request: Request, types: Sequence[str]) -> bytes:
        check_content_type(request, types)
        limit = self.config.max_body_bytes
        raw = await read_limited(request, limit, self.config.body_timeout_s)
        return decompress(raw, request.headers.get("content-encoding"), limit)

    async def off_loop(self, size: int, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` for a body of ``size`` bytes: inline when small; else in a worker thread, one such body
        at a time, so the event loop keeps answering other requests meanwhile (the GIL switches every few ms)."""
        if size <= _OFFLOAD_BYTES:
            return work(*args)
        if self._heavy is None:  # made on first use: it needs the running event loop
            self._heavy = anyio.CapacityLimiter(1)
        return await anyio.to_thread.run_sync(work, *args, limiter=self._heavy)

    async def accept(self, events: Prepared) -> JSONResponse:
        if events:
            try:
                await self.writer.append([payload for _, payload in events])
            except BacklogFull as exc:
                raise HTTPException(429, f"{exc}; retry later", headers={"Retry-After": "10"}) from None
            except RedisError as exc:
                log.error("ingest cannot reach Redis: %s", exc)
                raise HTTPException(503, "event store unavailable; retry later", headers={"Retry-After": "5"}) from None
        return JSONResponse({"id": events[0][0]} if events else {})

    @staticmethod
    def prepare(payloads: list[dict[str, Any]], repo: RepoConfig, source: str) -> Prepared:
        """Each payload as the ``ErrorEvent`` JSON the stream keeps; 400 when one is not an event we can read."""
        include = repo.errors.in_app_include
        try:
            events = [from_sentry(p, repo=repo.name, include=include, source=source) for p in payloads]
        except InvalidEvent as exc:
            raise HTTPException(400, str(exc)) from None
        return [(event.event_id, event.model_dump_json()) for event in events]

    @classmethod
    def from_envelope(cls, body: bytes, repo: RepoConfig) -> Prepared:
        try:
            _, payloads = event_payloads(body)
        except MalformedEnvelope as exc:
            raise HTTPException(400, f"malformed envelope: {exc}") from None
        return cls.prepare(payloads, repo, "sentry")

    @classmethod
    def from_json(cls, body: bytes, repo: RepoConfig) -> Prepared:
        return cls.prepare([_json(body)], repo, "sentry")

    async def envelope(self, request: Request) -> Response:
        repo = self.keys().repo_for(sentry_key(request))
        body = await self.body(request, _ENVELOPE_TYPES)
        return await self.accept(await self.off_loop(len(body), self.from_envelope, body, repo))

    async def store(self, request: Request) -> Response:
        repo = self.keys().repo_for(sentry_key(request))
        body = await self.body(request, _JSON_TYPES)
        return await self.accept(await self.off_loop(len(body), self.from_json, body, repo))

    def _known_repo(self, name: str) -> RepoConfig:
        try:
            return self.ctx.repo(name)
        except ConfigError:
            raise HTTPException(404, f"no repo named {name!r} in the fleet file") from None

    async def sentry_hook(self, request: Request) -> Response:
        raw = await read_limited(request, self.config.max_body_bytes, self.config.body_timeout_s)
        check_signature(self.config.sentry_webhook_secret, raw, request.headers.get("sentry-hook-signature"))
        repo = self._known_repo(request.path_params["repo"])
        check_content_type(request, ("application/json",))
        event = sentry_hook_event(_json(raw), request.headers.get("sentry-hook-resource", ""))
        return await self.accept(self.prepare([event] if event else [], repo, "sentry-webhook"))

    async def generic_hook(self, request: Request) -> Response:
        check_bearer(self.config.webhook_token, request.headers.get("authorization"))
        repo = self._known_repo(request.path_params["repo"])
        payload = _json(await self.body(request, ("application/json",)))
        try:
            error = GenericError.model_validate(payload)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(body)"
            raise HTTPException(422, f"field {where}: {first['msg']}") from None
        return await self.accept(self.prepare([error.to_sentry()], repo, "webhook"))


def _json(raw: bytes) -> dict[str, Any]:
    try:
        return json_object(raw, "body")
    except MalformedEnvelope as exc:
        raise HTTPException(400, str(exc)) from None


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code >= 500 or exc.status_code in (401, 408, 413, 429):
        log.info("ingest refused path=%s status=%d reason=%s", request.url.path, exc.status_code, exc.detail)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def create_app(ctx: Context) -> Starlette:
    """The ingest app on ``ctx`` (settings, fleet file, Redis)."""
    ingest = _Ingest(ctx)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await ingest.writer.close()

    routes = []
    for slash in ("/", ""):
        routes += [
            Route("/api/{project:int}/envelope" + slash, ingest.envelope, methods=["POST"]),
            Route("/api/{project:int}/store" + slash, ingest.store, methods=["POST"]),
        ]
    routes += [
        Route("/hooks/sentry/{repo}", ingest.sentry_hook, methods=["POST"]),
        Route("/hooks/generic/{repo}", ingest.generic_hook, methods=["POST"]),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error},
        middleware=[Middleware(CountRequests)],
    )


def from_settings() -> Starlette:
    """The ingest app on the process's own settings (uvicorn's factory for ``--workers``: an entrypoint)."""
    from agentfleet.core.context import get_context
    from agentfleet.core.logs import configure_logging

    ctx = get_context()
    configure_logging(ctx.settings.log_level)
    return create_app(ctx)
