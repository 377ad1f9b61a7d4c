"""Real sentry-sdk envelopes for ingest tests: the SDK's own serialisation, captured at its transport."""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import sentry_sdk
from sentry_sdk.transport import Transport
from sentry_sdk.utils import event_from_exception

KEY = "0123456789abcdef0123456789abcdef"
AUTH = {"X-Sentry-Auth": f"Sentry sentry_key={KEY}, sentry_version=7, sentry_client=sentry.python/2"}
ENVELOPE_HEADERS = {**AUTH, "Content-Type": "application/x-sentry-envelope", "Content-Encoding": "gzip"}


@contextmanager
def sdk(release: str = "svc@1.0.0", **options: Any) -> Iterator[list[bytes]]:
    """The real SDK configured with a DSN; yields the envelopes it sends (serialised, uncompressed)."""
    sent: list[bytes] = []

    class Capture(Transport):
        def capture_envelope(self, envelope: Any) -> None:
            sent.append(envelope.serialize())

    sentry_sdk.init(
        dsn=f"http://{KEY}@127.0.0.1:9/1",
        transport=Capture,
        release=release,
        default_integrations=False,
        auto_enabling_integrations=False,
        **options,
    )
    for scope in (sentry_sdk.get_global_scope(), sentry_sdk.get_isolation_scope(), sentry_sdk.get_current_scope()):
        scope.clear()  # breadcrumbs and tags of an earlier test's SDK must not leak into this one
    try:
        yield sent
    finally:
        sentry_sdk.flush()
        sentry_sdk.get_client().close()


def capture(fn: Callable[[], Any], *, handled: bool = True) -> None:
    """Call ``fn`` and report what it raises, as the SDK reports caught (or uncaught) exceptions."""
    try:
        fn()
    except Exception:
        if handled:
            sentry_sdk.capture_exception()
            return
        client = sentry_sdk.get_client()
        event, hint = event_from_exception(
            sys.exc_info(), client_options=client.options, mechanism={"type": "excepthook", "handled": False}
        )
        sentry_sdk.capture_event(event, hint=hint)


def gz(body: bytes) -> bytes:
    """``body`` compressed as the SDK's transport does."""
    return gzip.compress(body, compresslevel=9)


def backlog(ctx: Any) -> int:
    """Events waiting in the ingest stream of ``ctx``."""
    return int(ctx.redis.xlen(ctx.settings.ingest.stream))
