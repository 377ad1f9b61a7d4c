"""A storm of one error and a crowd of distinct ones become exactly one work item per critical group."""

from __future__ import annotations

import asyncio
import importlib.util
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import sentry_sdk
from errors_kit import ENVELOPE_HEADERS, KEY, capture, gz, sdk
from support import make_repo

from agentfleet.contracts import utcnow
from agentfleet.core.context import Context
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.ingest import read
from agentfleet.ingest.app import create_app
from agentfleet.store import findings, work
from agentfleet.store.models import WorkRow

pytestmark = [pytest.mark.redis, pytest.mark.slow]

FLEET = f"""
[[repos]]
name = "svc"
location = "svc"
budgets = {{ max_work_per_hour = 1000, cooldown_s = 1 }}
[repos.errors]
dsn_keys = ["{KEY}"]
unhandled = true
frequency = 500
window_s = 3600
transactions = ["*checkout*"]
"""
DISTINCT, CHECKOUT = 200, 20


def _handlers(tmp_path: Path) -> object:
    """A real module with 200 different failing functions (each its own code path)."""
    source = "".join(f"def handler_{i}(order):\n    return order['sku_{i}']\n\n" for i in range(DISTINCT))
    path = tmp_path / "handlers.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("handlers", path)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _storm_and_crowd(tmp_path: Path) -> tuple[bytes, list[bytes]]:
    handlers = _handlers(tmp_path)
    with sdk() as sent:
        capture(lambda: 1 / 0, handled=False)
        for i in range(DISTINCT):
            name = "POST /checkout" if i < CHECKOUT else "GET /browse"
            sentry_sdk.get_current_scope().set_transaction_name(name)
            capture(lambda i=i: getattr(handlers, f"handler_{i}")({}))
    return gz(sent[0]), [gz(body) for body in sent[1:]]


async def _post_all(ctx: Context, bodies: list[bytes]) -> list[int]:
    app = create_app(ctx)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ingest") as client,
    ):
        gate = asyncio.Semaphore(64)

        async def post(body: bytes) -> int:
            async with gate:
                return (await client.post("/api/1/envelope/", content=body, headers=ENVELOPE_HEADERS)).status_code

        return await asyncio.gather(*(post(b) for b in bodies))


def test_storm_and_distinct_errors_yield_one_work_item_per_critical_group(
    tmp_path: Path, make_ctx: Callable[..., Context]
) -> None:
    # Given a repo whose policy calls unhandled errors, 500+/h and checkout errors critical
    make_repo(tmp_path / "svc", {"app.py": "print('svc')\n"})
    ctx = make_ctx(FLEET, batch_size=2000)
    storm, crowd = _storm_and_crowd(tmp_path)
    # When 10,000 copies of one unhandled error and 200 distinct handled errors arrive, interleaved
    bodies = [storm] * 10_000
    for i, body in enumerate(crowd):
        bodies.insert(i * 50, body)
    assert set(asyncio.run(_post_all(ctx, bodies))) == {200}
    run, result = run_monitor(ctx, "svc", "errors", run_id="beat-1")
    # Then exactly the storm and the 20 checkout errors start work, one item each
    assert len(read.list_groups(ctx.store, "svc", limit=1000)) == 1 + DISTINCT
    assert run.findings == len(result.jobs) == 1 + CHECKOUT
    storm_job = next(j for j in result.jobs if j.item.error.exception_type == "ZeroDivisionError")
    assert findings.get(ctx.store, "svc", storm_job.item.fingerprint).count == 10_000
    assert {j.item.error.transaction for j in result.jobs} == {"POST /checkout", None}

    # When the storm goes on while its work is in flight
    asyncio.run(_post_all(ctx, [storm] * 500))
    run, result = run_monitor(ctx, "svc", "errors", run_id="beat-2")
    # Then it is counted on the same finding, and nothing new starts
    assert (run.findings, len(result.jobs), run.counted) == (1, 0, 1)
    assert findings.get(ctx.store, "svc", storm_job.item.fingerprint).count == 10_500

    # When the work is done (fixed), its cooldown has passed and the error stays quiet
    work.finish(ctx.store, storm_job)
    with ctx.store.session() as session:
        row = session.get(WorkRow, storm_job.key)
        row.finished_at = utcnow().replace(year=2000)
    run, result = run_monitor(ctx, "svc", "errors", run_id="beat-3")
    assert (run.findings, len(result.jobs)) == (0, 0)
    # When it recurs after the fix, it is new work again (the second run of its key)
    asyncio.run(_post_all(ctx, [storm]))
    run, result = run_monitor(ctx, "svc", "errors", run_id="beat-4")
    assert [(j.key, j.run) for j in result.jobs] == [(storm_job.key, 2)]
