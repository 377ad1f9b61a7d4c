"""The demo, start to finish: build a service with a bug, crash it in "production", watch the fleet fix it."""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import select

from agentfleet.core.childenv import child_environment
from agentfleet.core.errors import ConfigError
from agentfleet.core.settings import Settings, get_settings
from agentfleet.demo.processes import Processes, free_port
from agentfleet.demo.progress import Narrator
from agentfleet.demo.sample import create_service_repo
from agentfleet.store import Store, ledger
from agentfleet.store.models import LedgerRow

__all__ = ["crash_line", "run_demo"]

MARKER = ".agentfleet-demo"
ORDERS = [
    {"id": "A-1001", "lines": [{"sku": "mug", "unit_price": "8.50", "quantity": 2}]},
    {"id": "A-1002", "lines": [{"sku": "tea", "unit_price": "4.00", "quantity": 24}]},
    {"id": "A-1003", "lines": [{"sku": "mug", "unit_price": "8.50", "quantity": 60}]},
]
FLEET = """# The demo's fleet: one repository, errors checked every 2 seconds, fixes go out as ready PRs.
[[repos]]
name = "checkout"
location = "checkout"
test = "python -m pytest -q"
trust = {{ fix_error = 3 }}
monitors.errors = {{ every = 2 }}
errors = {{ dsn_keys = ["{key}"] }}
"""
_SENTRY_AT_EXIT = "Sentry is attempting to send"
"""How sentry-sdk's notice starts when it is still sending events as the service exits (after the traceback)."""


def _fresh_workdir(workdir: Path) -> None:
    if workdir.exists():
        if not (workdir / MARKER).exists():
            raise ConfigError(f"{workdir} exists and is not a previous demo directory; choose another with --dir")
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    (workdir / MARKER).write_text("created by agentfleet demo; safe to delete\n")


def _production(repo: Path, workdir: Path, dsn: str, release: str, say: Callable[[str], None]) -> None:
    """Run the checkout service on today's orders; the third one crashes it and sentry-sdk reports."""
    orders = workdir / "orders.json"
    orders.write_text(json.dumps(ORDERS))
    env = child_environment({"PYTHONPATH": str(repo)}, keep_agentfleet=False)
    done = subprocess.run(
        [sys.executable, "app.py", dsn, release, str(orders)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    for line in done.stdout.splitlines():
        say(f"production: {line}")
    say(f"production: the service crashed (exit {done.returncode}): {crash_line(done.stderr)}")


def crash_line(stderr: str) -> str:
    """The exception line of a crashed service's traceback (sentry-sdk's exit notice may follow it)."""
    traceback = stderr.split(_SENTRY_AT_EXIT, 1)[0]
    crash = [line for line in traceback.splitlines() if line and not line.startswith(" ")][-1:]
    return crash[0] if crash else "?"


def _start_fleet(procs: Processes, port: int, say: Callable[[str], None]) -> None:
    procs.agentfleet("ingest", "ingest")
    procs.wait_until("ingest", lambda: _answers(port), 30)
    say(f"ingest: Sentry-compatible endpoints on http://127.0.0.1:{port}")
    procs.agentfleet("worker", "worker", "-c", "2", "-n", "demo@%h")
    procs.wait_until("worker", lambda: "ready." in procs.log("worker"), 60)
    say("worker: consuming monitors, agents, gate and delivery (2 processes)")
    procs.agentfleet("beat", "beat")
    say("beat: the errors monitor runs every 2 seconds")


def _answers(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
    except httpx.TransportError:
        return False
    return True


def _wait_for_delivery(store: Store, narrator: Narrator, deadline: float) -> LedgerRow | None:
    while time.monotonic() < deadline:
        for row in narrator.poll():
            if row.outcome in ledger.ENDED_BADLY or (row.stage == "deliver" and row.outcome in ledger.COMPLETED):
                return row
        time.sleep(0.3)
    return None


def _show_pr(procs: Processes, number: int, echo: Callable[[str], None]) -> None:
    for args in (["pr", "show", str(number)], ["pr", "diff", str(number)]):
        done = subprocess.run(
            [sys.executable, "-m", "agentfleet.cli", *args],
            env=procs.env,
            cwd=procs.workdir,
            capture_output=True,
            text=True,
            timeout=60,
        )
        echo(f"\n$ agentfleet {' '.join(args)}\n{done.stdout.rstrip()}{done.stderr.rstrip()}")


def _story(workdir: Path, procs: Processes, narrator: Narrator, timeout: float) -> LedgerRow | None:
    settings = get_settings()
    say = narrator.say
    redis_url = settings.redis_url if "redis_url" in settings.model_fields_set else procs.start_redis()
    say(f"redis: {redis_url}" + ("" if "redis_url" in settings.model_fields_set else " (started for the demo)"))
    repo = workdir / "checkout"
    head = create_service_repo(repo)
    say(f"repo: created {repo} — 2 commits, HEAD {head[:10]} by Bob: 'Inline the bulk discount tier lookup'")
    key, port = secrets.token_hex(16), free_port()
    (workdir / "fleet.toml").write_text(FLEET.format(key=key))
    demo = Settings(data_dir=workdir / ".agentfleet", fleet_file=workdir / "fleet.toml", redis_url=redis_url)
    # So that `cd <workdir> && agentfleet pr list` (ledger, trust, …) reviews the demo's fleet afterwards.
    (workdir / ".env").write_text("AGENTFLEET_DATA_DIR=.agentfleet\nAGENTFLEET_FLEET_FILE=fleet.toml\n")
    procs.env = child_environment(
        {
            "AGENTFLEET_DATA_DIR": str(demo.data_dir),
            "AGENTFLEET_FLEET_FILE": str(demo.fleet_file),
            "AGENTFLEET_REDIS_URL": redis_url,
            "AGENTFLEET_INGEST__HOST": "127.0.0.1",
            "AGENTFLEET_INGEST__PORT": str(port),
        }
    )
    narrator.store = Store(demo.store_url)
    _start_fleet(procs, port, say)
    _production(repo, workdir, f"http://{key}@127.0.0.1:{port}/1", head, say)
    return _wait_for_delivery(narrator.store, narrator, time.monotonic() + timeout)


def _pr_number(store: Store) -> int | None:
    with store.session() as session:
        row = session.scalars(
            select(LedgerRow)
            .where(LedgerRow.stage == "deliver", LedgerRow.outcome.in_(ledger.COMPLETED))
            .order_by(LedgerRow.id.desc())
        ).first()
    return (row.outputs.get("delivery") or {}).get("pr_number") if row else None


def run_demo(workdir: Path, *, timeout: float, echo: Callable[[str], None]) -> int:
    """Run the demo in ``workdir``; returns 0 when a gate-approved PR was delivered."""
    start = time.monotonic()
    workdir = workdir.resolve()
    _fresh_workdir(workdir)
    procs = Processes(workdir, child_environment({}))
    narrator = Narrator(Store("sqlite://"), start, echo)
    narrator.say(f"workspace: {workdir}")
    try:
        row = _story(workdir, procs, narrator, timeout)
        number = _pr_number(narrator.store) if row is not None and row.outcome in ledger.COMPLETED else None
        if number is None:
            echo(f"\nno pull request after {timeout:.0f}s; logs are in {procs.logs}")
            return 1
        _show_pr(procs, number, echo)
    finally:
        procs.stop_all()
    echo(
        f"\ndone in {time.monotonic() - start:.1f}s. Review the PR and what the fleet did:\n"
        f"  cd {workdir} && agentfleet pr list && agentfleet ledger"
    )
    return 0
