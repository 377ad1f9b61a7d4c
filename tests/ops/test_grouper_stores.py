"""The grouper drains accepted events into the store on both backends (the compose deployment's PostgreSQL
store grouped nothing: the first cursor insert reported no row)."""

from __future__ import annotations

import pytest

from agentfleet.contracts import Frame, utcnow
from agentfleet.core.context import Context
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.fingerprint import fingerprint
from agentfleet.ingest.grouper import drain

pytestmark = pytest.mark.redis

FRAMES = (Frame(filename="shop/cart.py", module="shop.cart", function="add", lineno=3),)


@pytest.mark.parametrize("store_ctx", ["sqlite", "postgresql"], indirect=True)
def test_the_first_and_later_batches_are_grouped(store_ctx: Context, redis_url: str) -> None:
    ctx = Context(settings=store_ctx.settings.model_copy(update={"redis_url": redis_url}), store=store_ctx.store)
    stream = ctx.settings.ingest.stream
    for n in range(2):
        event = ErrorEvent(
            event_id=f"{n:032x}",
            repo="svc",
            fingerprint=fingerprint("KeyError", FRAMES),
            timestamp=utcnow(),
            received=utcnow(),
            exception_type="KeyError",
            frames=FRAMES,
        )
        ctx.redis.xadd(stream, {"e": event.model_dump_json()})
        assert drain(ctx.store, ctx.redis, ctx.settings.ingest) == 1, f"batch {n} was not written"
