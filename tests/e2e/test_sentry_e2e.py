"""End to end: a service using the real sentry-sdk crashes, the ingest server receives it, the errors
monitor turns it into work, and the investigation names the file, function, line and suspect commit."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import Proc, agentfleet_cmd, commit, completed, free_port, make_repo, need_binary, wait_for

from agentfleet.contracts import InvestigationReport
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.flow.investigation.stage import investigate
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.ingest import read
from agentfleet.ingest.fingerprint import fingerprint
from agentfleet.store import work

pytestmark = [pytest.mark.redis, pytest.mark.bwrap, pytest.mark.slow]

KEY = "e2e0e2e0e2e0e2e0e2e0e2e0e2e0e2e0"
LOOKUP_ALICE = """PRICES = {"book": 12, "pen": 2}


def price_of(sku):
    return PRICES.get(sku, 0)


def order_total(skus):
    return sum(price_of(sku) for sku in skus)
"""
LOOKUP_BOB = LOOKUP_ALICE.replace("PRICES.get(sku, 0)", "PRICES[sku]")
CRASH_LINE = 5
FLEET = f"""
[[repos]]
name = "orders"
location = "orders-svc"
[repos.errors]
dsn_keys = ["{KEY}"]
[repos.agent]
fixers = []          # no fixer: trust phase 1 delivers the investigation as the result
"""
TESTS = """from orders.lookup import order_total


def test_total():
    assert order_total(["book", "pen"]) == 14


def test_unknown_sku_costs_nothing():
    assert order_total(["lamp"]) == 0
"""
SERVICE = """import sys

import sentry_sdk

from orders.lookup import order_total

sentry_sdk.init(dsn=sys.argv[1], release=sys.argv[2])
print(order_total(["book", "lamp"]))
"""


@pytest.fixture
def crashed(
    tmp_path: Path,
    redis_url: str,
    write_fleet: Callable[[str], Path],
    spawn: Callable[..., Proc],
    monkeypatch: pytest.MonkeyPatch,
    database_url: str | None,
) -> Iterator[tuple[Context, str]]:
    """A service release that crashed once with the real SDK reporting to a real ingest server:
    the context (store, fleet) and the release, a commit SHA."""
    need_binary("bwrap")
    # Given a service repo: Alice wrote a lenient price lookup, Bob made it strict (the bug)
    repo = tmp_path / "orders-svc"
    make_repo(repo, {"README.md": "orders\n"})
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Alice")  # git prefers it over the configured user.name
    commit(repo, {"orders/__init__.py": "", "orders/lookup.py": LOOKUP_ALICE, "service.py": SERVICE}, "price lookup")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Bob")
    release = commit(repo, {"orders/lookup.py": LOOKUP_BOB, "tests/test_lookup.py": TESTS}, "strict prices")
    write_fleet(FLEET)
    # and a real ingest server (uvicorn + grouper process)
    port = free_port()
    server = spawn(agentfleet_cmd("ingest", "--port", str(port)), "ingest")
    wait_for(lambda: "listening" in server.output() or not server.alive(), 60, "the ingest server to start")
    assert server.alive(), server.output()
    # When the service runs its release with only a DSN configured, and crashes on an unknown SKU
    crash = subprocess.run(
        [sys.executable, "service.py", f"http://{KEY}@127.0.0.1:{port}/1", release],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert crash.returncode != 0
    assert "KeyError" in crash.stderr
    settings = Settings(
        data_dir=tmp_path / ".agentfleet",
        fleet_file=tmp_path / "fleet.toml",
        redis_url=redis_url,
        database_url=database_url,
        sandbox={"backend": "bwrap"},
    )
    ctx = Context.from_settings(settings)
    wait_for(lambda: read.list_groups(ctx.store, "orders"), 60, "the event to be grouped")
    yield ctx, release
    ctx.store.dispose()


def _assert_names_the_bug(report: InvestigationReport | None, release: str) -> None:
    assert report is not None
    assert (report.commit, report.commit_source) == (release, "release")
    site = report.crash_site
    assert site is not None
    assert (site.path, site.function, site.lineno) == ("orders/lookup.py", "price_of", CRASH_LINE)
    suspect = report.suspects[0]
    assert (suspect.sha, suspect.author, suspect.on_crash_line) == (release, "Bob", True)
    assert report.related_tests[0] == "tests/test_lookup.py"
    assert report.reproduction.reproduced is True


def test_sdk_crash_becomes_a_finding_and_an_investigation_report(crashed: tuple[Context, str]) -> None:
    ctx, release = crashed
    # Then the errors monitor reports it (unhandled: critical by default) and triage starts one fix
    run, result = run_monitor(ctx, "orders", "errors", run_id="e2e")
    (job,) = result.jobs
    error = job.item.error
    assert (error.exception_type, error.handled, error.release) == ("KeyError", False, release)
    app_frames = [(Path(f.filename).name, f.function) for f in error.frames if f.in_app]
    assert app_frames[0] == ("service.py", "<module>")
    assert app_frames[-1] == ("lookup.py", "price_of")
    assert job.item.fingerprint == fingerprint("KeyError", error.frames)
    # and the investigation names the file, function, line and Bob's commit, and reproduces it
    report = investigate(job, ctx).report
    _assert_names_the_bug(report, release)
    markdown = report.to_markdown()
    assert "orders/lookup.py:5" in markdown
    assert "Bob" in markdown


def test_a_real_worker_runs_the_chain_and_records_the_investigation(
    crashed: tuple[Context, str], spawn: Callable[..., Proc], start_worker: Callable[..., Proc]
) -> None:
    ctx, release = crashed
    # Given a worker on every queue (sandboxes: bwrap)
    start_worker(env={"AGENTFLEET_SANDBOX__BACKEND": "bwrap"})
    # When the errors monitor is run now, as beat would
    audit = spawn(agentfleet_cmd("audit", "orders", "errors"), "audit")
    assert audit.popen.wait(120) == 0, audit.output()
    # Then the chain investigate → fix → gate → deliver runs to its end on the worker
    key = wait_for(
        lambda: [r.key for r in completed(ctx.store, "deliver")],
        180,
        "the chain to finish",
    )[0]
    job = work.load_job(ctx.store, key)
    assert job is not None
    assert job.stages[0] == "investigate"
    # and the report is on the job and in the ledger, naming the bug
    _assert_names_the_bug(job.report, release)
    (row,) = completed(ctx.store, "investigate", key=key)
    _assert_names_the_bug(InvestigationReport.model_validate(row.outputs["report"]), release)
