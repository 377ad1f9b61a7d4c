"""Events the store could not hold never stall grouping: ingest cleans them, and what the store still
refuses is parked (inspectable, replayable), never retried forever nor lost. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner
from errors_kit import AUTH, backlog
from starlette.testclient import TestClient

from agentfleet.cli import cli
from agentfleet.contracts import utcnow
from agentfleet.core.context import Context
from agentfleet.ingest import read
from agentfleet.ingest.app import create_app
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.grouper import drain
from agentfleet.ingest.parking import parked, replay

pytestmark = pytest.mark.redis
STORE = "/api/1/store/"


def _posted(ctx: Context, payload: dict[str, object]) -> str:
    with TestClient(create_app(ctx)) as client:
        answer = client.post(STORE, content=json.dumps(payload), headers={**AUTH, "Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["id"])


def test_ingest_cleans_and_caps_what_the_store_cannot_hold(make_ctx: Callable[..., Context]) -> None:
    # Given an event with a level longer than its column and NUL characters in its texts, tags and frames
    ctx = make_ctx()
    nul = "\u0000"
    event_id = _posted(
        ctx,
        {
            "level": "catastrophic-level-name-" * 4,
            "message": f"bad{nul}byte",
            "environment": f"prod{nul}",
            "tags": {f"k{nul}": f"v{nul}"},
            "exception": {"values": [{"type": f"Key{nul}Error", "value": f"'sku{nul}'", "stacktrace": {"frames": [
                {"filename": f"shop/cart{nul}.py", "function": f"add{nul}", "module": "shop.cart", "lineno": 3},
            ]}}]},
        },
    )  # fmt: skip
    # When the grouper drains it, Then it is grouped, cleaned, and nothing waits or is parked
    assert drain(ctx.store, ctx.redis, ctx.settings.ingest) == 1
    (group,) = read.list_groups(ctx.store, "svc")
    event = read.get_event(ctx.store, "svc", event_id)
    assert event is not None
    assert (group.level, group.exception_type, group.exception_value) == ("error", "KeyError", "'sku'")
    assert (event.message, event.environment, event.tags) == ("badbyte", "prod", {"k": "v"})
    assert (event.frames[0].filename, event.frames[0].function) == ("shop/cart.py", "add")
    assert backlog(ctx) == 0
    assert parked(ctx.redis, ctx.settings.ingest.parked_stream) == []


def _raw(n: int, **fields: object) -> bytes:
    event = ErrorEvent(
        event_id=f"{n:032x}", repo="svc", fingerprint="err:refused", timestamp=utcnow(), exception_type="E"
    )
    return json.dumps({**event.model_dump(mode="json"), **fields}).encode()


def test_an_entry_the_store_refuses_is_parked_and_the_rest_is_grouped(
    make_ctx: Callable[..., Context], database_url: str | None
) -> None:
    # Given entries written by an older ingest that did not clean them, between good ones, and one unreadable
    ctx = make_ctx(batch_size=50)
    stream, parked_stream = ctx.settings.ingest.stream, ctx.settings.ingest.parked_stream
    bad = {"fingerprint": "err:bad", "level": "x" * 40, "exception_value": "nul\u0000byte"}
    for n, fields in enumerate([{}, bad, {}, {"written_by": "a future ingest"}, {}]):
        ctx.redis.xadd(stream, {"e": _raw(n, **fields)})
    # When the grouper drains them
    written = drain(ctx.store, ctx.redis, ctx.settings.ingest)
    # Then the stream is empty; every entry is grouped or parked with its reason; nothing is retried forever
    kept = parked(ctx.redis, parked_stream)
    assert backlog(ctx) == 0
    assert written + len(kept) == 5
    assert sum(group.count for group in read.list_groups(ctx.store, "svc")) == written
    assert "unreadable" in kept[-1].why
    if database_url is not None:  # SQLite stores the over-long level and the NUL; PostgreSQL refuses them
        assert written == 3
        assert "refused" in kept[0].why
    # When an operator replays them, Then they are back in the ingest stream, once
    assert replay(ctx.redis, parked_stream, stream) == len(kept)
    assert backlog(ctx) == len(kept)
    assert parked(ctx.redis, parked_stream) == []


def test_the_cli_lists_and_replays_parked_entries(make_ctx: Callable[..., Context], monkeypatch) -> None:
    ctx = make_ctx()
    ctx.redis.xadd(ctx.settings.ingest.stream, {"e": b'{"written_by": "a future ingest"}'})
    drain(ctx.store, ctx.redis, ctx.settings.ingest)
    monkeypatch.setenv("AGENTFLEET_REDIS_URL", ctx.settings.redis_url)
    monkeypatch.setenv("AGENTFLEET_FLEET_FILE", str(ctx.settings.fleet_file))
    listed = CliRunner().invoke(cli, ["parked-errors"], catch_exceptions=False)
    assert "1 parked" in listed.output
    assert "unreadable" in listed.output
    replayed = CliRunner().invoke(cli, ["parked-errors", "--replay"], catch_exceptions=False)
    assert "replayed 1" in replayed.output
    assert backlog(ctx) == 1
