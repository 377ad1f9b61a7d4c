#!/usr/bin/env python3
"""CI: bring up deploy/docker-compose.yml for real and run the demo's crash against it, until its PR shows.

Builds the service and sandbox images offline (no registry), starts every service with docker-compose
(deploy/docker-compose.offline.yml stands the service image in for redis:7 and postgres:16), creates the
demo's checkout service in the shared data dir, crashes it with sentry-sdk pointed at the compose
ingest, and waits for the compose dashboard to show the gate-approved PR; then prints the PR as the
delivery worker's CLI shows it. Everything it started is taken down at the end, whatever happened.

Usage: python3 scripts/compose_smoke.py [--timeout SECONDS] [--keep]
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from agentfleet.core.childenv import child_environment
from agentfleet.demo.processes import free_port
from agentfleet.demo.run import ORDERS
from agentfleet.demo.sample import create_service_repo

ROOT = Path(__file__).resolve().parents[1]
FILES = ["-f", str(ROOT / "deploy/docker-compose.yml"), "-f", str(ROOT / "deploy/docker-compose.offline.yml")]
FLEET = """[[repos]]
name = "checkout"
location = "{repo}"
test = "python -m pytest -q"
trust = {{ fix_error = 3 }}
monitors.errors = {{ every = 2 }}
errors = {{ dsn_keys = ["{key}"] }}
"""
TITLE = "[agentfleet] fix_error: IndexError in checkout/pricing.py:bulk_discount"


def say(text: str) -> None:
    print(f"compose-smoke: {text}", flush=True)


def run(*argv: str, check: bool = True, capture: bool = False, timeout: float = 900) -> str:
    done = subprocess.run(argv, check=check, capture_output=capture, text=True, timeout=timeout)
    return done.stdout if capture else ""


class Compose:
    """docker-compose on the repo's files, with ``work`` as the project directory (.env, fleet.toml)."""

    def __init__(self, work: Path) -> None:
        self.argv = ["docker-compose", *FILES, "--project-directory", str(work), "-p", f"afsmoke{work.name[-6:]}"]

    def __call__(self, *args: str, check: bool = True, capture: bool = False) -> str:
        return run(*self.argv, *args, check=check, capture=capture)


def _prepare(work: Path) -> dict[str, str]:
    """The project directory: passwords and ports in .env, the demo repo in the data dir, the fleet file."""
    data = work / "data"
    key = secrets.token_hex(16)
    ports = {"INGEST_PORT": free_port(), "FLOWER_PORT": free_port(), "DASHBOARD_PORT": free_port()}
    env = {
        "REDIS_PASSWORD": secrets.token_hex(12),
        "POSTGRES_PASSWORD": secrets.token_hex(12),
        "AGENTFLEET_FLOWER__PASSWORD": secrets.token_hex(12),
        "AGENTFLEET_DASHBOARD__PASSWORD": secrets.token_hex(12),
        "AGENTFLEET_DATA": str(data),
        "AGENTFLEET_BIND": "127.0.0.1",
        **{name: str(port) for name, port in ports.items()},
    }
    (work / ".env").write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    repo = data / "repos" / "checkout"
    head = create_service_repo(repo)
    (work / "fleet.toml").write_text(FLEET.format(repo=repo, key=key))
    return env | {"key": key, "head": head, "repo": str(repo)}


def _wait(what: str, ready: callable, timeout: float) -> object:  # type: ignore[valid-type]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = ready()
        if value:
            return value
        time.sleep(2)
    raise SystemExit(f"compose-smoke: FAILED — no {what} after {timeout:.0f}s")


def _get(url: str, auth: tuple[str, str] | None = None) -> httpx.Response | None:
    try:
        return httpx.get(url, auth=auth, timeout=5)
    except httpx.TransportError:
        return None


def _crash(env: dict[str, str], work: Path) -> None:
    """Production: the checkout service crashes on an order of 60 mugs; sentry-sdk reports to compose's ingest."""
    orders = work / "orders.json"
    orders.write_text(json.dumps(ORDERS))
    dsn = f"http://{env['key']}@127.0.0.1:{env['INGEST_PORT']}/1"
    child = child_environment({"PYTHONPATH": env["repo"]}, keep_agentfleet=False)
    done = subprocess.run(
        [sys.executable, "app.py", dsn, env["head"], str(orders)], cwd=env["repo"], env=child, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    say(f"production crashed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}")


def smoke(work: Path, timeout: float) -> None:
    compose = Compose(work)
    env = _prepare(work)
    say("docker-compose up")
    compose("up", "-d", "--no-build")
    try:
        ingest = f"http://127.0.0.1:{env['INGEST_PORT']}/"
        _wait("ingest answering", lambda: _get(ingest) is not None, 180)
        say("ingest answers; crashing the checkout service")
        _crash(env, work)
        auth = ("admin", env["AGENTFLEET_DASHBOARD__PASSWORD"])
        page = f"http://127.0.0.1:{env['DASHBOARD_PORT']}/"

        def pr_shown() -> bool:
            answer = _get(page, auth)
            return answer is not None and TITLE in answer.text and 'badge good">opened<' in answer.text

        _wait("pull request on the compose dashboard", pr_shown, timeout)
        say("the dashboard shows the PR")
        shown = compose("exec", "-T", "worker-delivery", "agentfleet", "pr", "show", "1", capture=True)
        print(shown)
        diff = compose("exec", "-T", "worker-delivery", "agentfleet", "pr", "diff", "1", capture=True)
        if "+    return TIERS[min(quantity // 10, len(TIERS) - 1)]" not in diff:
            raise SystemExit(f"compose-smoke: FAILED — the PR's diff is not the fix:\n{diff}")
        say("PASSED: the compose deployment turned the crash into a verified PR")
    except BaseException:
        compose("ps", check=False)
        compose("logs", "--no-color", "--tail", "60", check=False)
        raise
    finally:
        compose("down", "-v", "--remove-orphans", check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for the PR after the crash")
    parser.add_argument("--keep", action="store_true", help="keep the project directory (data, logs) afterwards")
    args = parser.parse_args()
    for script in ("build-service-image.sh", "build-sandbox-image.sh"):
        run(str(ROOT / "workers" / script), "--if-missing")
    work = Path(tempfile.mkdtemp(prefix="afs-", dir="/tmp"))  # short: sandboxes put unix sockets in the data dir
    try:
        smoke(work, args.timeout)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
