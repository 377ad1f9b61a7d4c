"""The grouper writes each accepted event exactly once, keeps a bounded sample, and counts per window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from errors_kit import backlog

from agentfleet.contracts import Frame, utcnow
from agentfleet.core.context import Context
from agentfleet.ingest import read
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.fingerprint import fingerprint
from agentfleet.ingest.grouper import CursorMoved, _move_cursor, drain

pytestmark = pytest.mark.redis

FRAMES = (Frame(filename="shop/cart.py", module="shop.cart", function="add", lineno=3),)


def _event(n: int, *, level: str = "error", release: str = "1.0", minutes_ago: int = 0) -> ErrorEvent:
    return ErrorEvent(
        event_id=f"{n:032x}",
        repo="svc",
        fingerprint=fingerprint("KeyError", FRAMES),
        timestamp=utcnow(),
        received=utcnow() - timedelta(minutes=minutes_ago),
        level=level,
        exception_type="KeyError",
        exception_value=f"'sku-{n}'",
        frames=FRAMES,
        release=release,
    )


def _accept(ctx: Context, events: list[ErrorEvent]) -> None:
    for e in events:
        ctx.redis.xadd(ctx.settings.ingest.stream, {"e": e.model_dump_json()})


def test_batches_group_counts_levels_releases_and_prune_the_sample(make_ctx) -> None:
    ctx = make_ctx(batch_size=7, events_per_group=5)
    _accept(ctx, [_event(i, minutes_ago=90 if i < 10 else 0) for i in range(30)])
    _accept(ctx, [_event(30, level="fatal", release="1.1")])
    assert drain(ctx.store, ctx.redis, ctx.settings.ingest) == 31
    (group,) = read.list_groups(ctx.store, "svc")
    assert (group.count, group.level, group.first_release, group.last_release) == (31, "fatal", "1.0", "1.1")
    kept = read.list_events(ctx.store, "svc", group.fingerprint, limit=100)
    assert [e.event_id for e in kept] == [f"{n:032x}" for n in (30, 29, 28, 27, 26)]
    assert read.get_event(ctx.store, "svc", f"{0:032x}") is None
    since = utcnow() - timedelta(hours=1)
    assert read.count_since(ctx.store, "svc", group.fingerprint, since) == 21
    assert read.releases(ctx.store, "svc") == ["1.1", "1.0"]


def test_a_crash_between_commit_and_trim_does_not_count_twice(
    ingest_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a grouper that dies after committing a batch but before trimming it from the stream
    config = ingest_ctx.settings.ingest
    _accept(ingest_ctx, [_event(i) for i in range(4)])

    def crash(*_: object) -> None:
        raise ConnectionError("killed between commit and trim")

    monkeypatch.setattr("agentfleet.ingest.grouper.trim_through", crash)
    with pytest.raises(ConnectionError):
        drain(ingest_ctx.store, ingest_ctx.redis, config)
    assert backlog(ingest_ctx) == 4
    monkeypatch.undo()
    # When the grouper comes back and more events arrive
    _accept(ingest_ctx, [_event(i) for i in range(4, 6)])
    assert drain(ingest_ctx.store, ingest_ctx.redis, config) == 2
    # Then every event counts once, and the stream is empty
    assert read.list_groups(ingest_ctx.store, "svc")[0].count == 6
    assert backlog(ingest_ctx) == 0


def test_a_second_drainer_with_a_stale_cursor_rolls_back(ingest_ctx: Context) -> None:
    config = ingest_ctx.settings.ingest
    _accept(ingest_ctx, [_event(1)])
    drain(ingest_ctx.store, ingest_ctx.redis, config)
    with pytest.raises(CursorMoved), ingest_ctx.store.session() as session:
        _move_cursor(session, config.stream, None, "1-0")
    with pytest.raises(CursorMoved), ingest_ctx.store.session() as session:
        _move_cursor(session, config.stream, "0-1", "1-0")
    assert read.list_groups(ingest_ctx.store, "svc")[0].count == 1


def test_a_batch_of_only_unreadable_entries_is_skipped_and_grouping_goes_on(make_ctx) -> None:
    # Given a stream whose first batch holds nothing this version can read (an incompatible ingest wrote it)
    ctx = make_ctx(batch_size=3)
    for _ in range(3):
        ctx.redis.xadd(ctx.settings.ingest.stream, {"e": b'{"written_by": "a future ingest"}'})
    _accept(ctx, [_event(1)])
    # When the grouper drains it, Then it steps over them, trims them, and still groups what follows
    assert drain(ctx.store, ctx.redis, ctx.settings.ingest) == 1
    assert backlog(ctx) == 0
    assert read.list_groups(ctx.store, "svc")[0].count == 1
