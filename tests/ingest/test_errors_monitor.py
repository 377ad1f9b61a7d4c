"""The errors monitor judges stored groups even while Redis (and so the stream) is away."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from errors_kit import ENVELOPE_HEADERS, KEY, capture, gz, sdk
from starlette.testclient import TestClient
from support import free_port

from agentfleet.contracts import FindingKind, Severity
from agentfleet.core.context import Context
from agentfleet.flow.monitors.errors import ErrorsMonitor
from agentfleet.flow.monitors.run import scan
from agentfleet.ingest.app import create_app
from agentfleet.ingest.grouper import drain

pytestmark = pytest.mark.redis

FLEET = f'[[repos]]\nname = "svc"\nlocation = "svc"\n[repos.errors]\ndsn_keys = ["{KEY}"]\nlevels = ["error"]\n'


def test_scan_reports_critical_groups_without_redis(make_ctx: Callable[..., Context], caplog) -> None:
    ctx = make_ctx(FLEET)
    with sdk() as sent:
        capture(lambda: [][1])
    with TestClient(create_app(ctx)) as client:
        answer = client.post("/api/1/envelope/", content=gz(sent[0]), headers=ENVELOPE_HEADERS)
    drain(ctx.store, ctx.redis, ctx.settings.ingest)
    ctx.settings.redis_url = f"redis://127.0.0.1:{free_port()}/0"
    ctx.__dict__.pop("redis")
    (finding,) = ErrorsMonitor(ctx).scan(ctx.repo("svc"))
    assert (finding.kind, finding.severity, finding.count) == (FindingKind.ERROR, Severity.HIGH, 1)
    assert finding.evidence.exception_type == "IndexError"
    assert finding.evidence.event_ids == (answer.json()["id"],)
    assert "could not drain" in caplog.text


def test_a_dry_run_leaves_the_ingest_stream_to_the_grouper(make_ctx: Callable[..., Context]) -> None:
    # Given one stored group and a second event still waiting in the ingest stream
    ctx = make_ctx(FLEET)
    with sdk() as sent:
        capture(lambda: [][1])
        capture(lambda: {}["missing"])
    with TestClient(create_app(ctx)) as client:
        client.post("/api/1/envelope/", content=gz(sent[0]), headers=ENVELOPE_HEADERS)
        drain(ctx.store, ctx.redis, ctx.settings.ingest)
        client.post("/api/1/envelope/", content=gz(sent[1]), headers=ENVELOPE_HEADERS)
    stream = ctx.settings.ingest.stream
    # When the monitor is scanned as `audit --dry-run` does
    [finding] = scan(ctx, "svc", "errors")
    # Then it judged the stored group and left the waiting event where the grouper will find it
    assert finding.evidence.exception_type == "IndexError"
    assert ctx.redis.xlen(stream) == 1
    # And a real scan drains it and judges both
    assert {f.evidence.exception_type for f in ErrorsMonitor(ctx).scan(ctx.repo("svc"))} == {"IndexError", "KeyError"}
    assert ctx.redis.xlen(stream) == 0
