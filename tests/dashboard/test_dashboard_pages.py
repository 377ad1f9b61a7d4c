"""The dashboard's pages over the demo's fleet: the PR, the rejection with its reasons, each key's timeline,
behind basic auth; production and model text shown as text."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from agentfleet.contracts import ErrorEvidence, FixError, GateDecision, Job, Verdict
from agentfleet.core.context import Context
from agentfleet.core.errors import ConfigError
from agentfleet.dashboard.app import create_app
from agentfleet.dashboard.config import DashboardConfig
from agentfleet.store import work
from dashboard.conftest import PASSWORD, REASON, DemoFleet

pytestmark = [pytest.mark.redis, pytest.mark.slow]

AUTH = ("admin", PASSWORD)


def _client(ctx: Context) -> TestClient:
    config = DashboardConfig(password=PASSWORD)  # type: ignore[arg-type]
    return TestClient(create_app(ctx, config))


def test_the_overview_shows_the_demos_pr_and_the_rejection_with_its_reasons(demo_fleet: DemoFleet) -> None:
    client = _client(Context.from_settings(demo_fleet.settings))
    page = client.get("/", auth=AUTH)
    assert page.status_code == 200
    html = page.text
    # the repo × kind line: phase 3 for errors, one PR open; the upgrade's line counts the rejection
    assert "<td>checkout</td><td>fix_error</td><td class=n>3</td><td class=n>0</td><td class=n>1</td>" in html
    assert "<td>checkout</td><td>upgrade_dependency</td><td class=n>1</td><td class=n>0</td><td class=n>0</td>" in html
    # the PR, titled by exception type and place, with the gate's verdict
    assert "[agentfleet] fix_error: IndexError in checkout/pricing.py:bulk_discount" in html
    assert '<span class="badge good">opened</span>' in html
    assert '<span class="badge good">pr</span>' in html
    # the rejection, with the gate's reason
    assert '<span class="badge bad">rejected</span>' in html
    assert REASON in html


def test_a_keys_timeline_goes_from_finding_through_every_stage_to_delivery(demo_fleet: DemoFleet) -> None:
    ctx = Context.from_settings(demo_fleet.settings)
    client = _client(ctx)
    pr_key = next(row.key for row in work.rows(ctx.store) if row.kind == "fix_error")
    html = client.get(f"/work/{quote(pr_key, safe='')}", auth=AUTH).text
    stages = [s for s in ("triage", "investigate", "fix", "gate", "deliver") if f"<td>{s}</td>" in html]
    assert stages == ["triage", "investigate", "fix", "gate", "deliver"]
    order = [html.index(f"<td>{s}</td>") for s in stages]
    assert order == sorted(order), "oldest first"
    assert "Finding" in html
    assert "first seen" in html
    assert "## Gate report" in html
    rejected = client.get(f"/work/{quote(demo_fleet.rejected_key, safe='')}", auth=AUTH).text
    assert REASON in rejected
    assert client.get("/work/no-such-key", auth=AUTH).status_code == 404


def test_credentials_are_required_and_checked(demo_fleet: DemoFleet) -> None:
    client = _client(Context.from_settings(demo_fleet.settings))
    assert client.get("/").status_code == 401
    assert client.get("/", auth=("admin", "guess")).status_code == 401
    assert client.get("/", headers={"Authorization": "Basic %%%"}).status_code == 401
    assert client.get("/").headers["www-authenticate"] == 'Basic realm="agentfleet"'
    with pytest.raises(ConfigError, match="AGENTFLEET_DASHBOARD__PASSWORD"):
        create_app(Context.from_settings(demo_fleet.settings), DashboardConfig())


def test_text_from_production_and_models_is_shown_as_text(ctx: Context, write_fleet) -> None:
    write_fleet('[[repos]]\nname = "svc"\nlocation = "."\n')
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    error = ErrorEvidence(exception_type="ValueError<b>", exception_value=hostile)
    item = FixError(repo="svc", base_commit="a" * 40, fingerprint="err:x", error=error, title=hostile)
    job = Job(item=item, decision=GateDecision(verdict=Verdict.REJECT, reasons=(hostile,)))
    work.claim(ctx.store, job, run_id="t", cooldown_s=0, stale_s=3600)
    work.finish(ctx.store, job)
    client = _client(ctx)
    for path in ("/", f"/work/{quote(job.key, safe='')}"):
        page = client.get(path, auth=AUTH)
        assert "<script>" not in page.text
        assert "<img" not in page.text
        assert "&lt;script&gt;alert(1)" in page.text
        assert "script-src" not in page.headers["content-security-policy"]
        assert page.headers["content-security-policy"].startswith("default-src 'none'")
