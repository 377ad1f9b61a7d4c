"""Helpers for tests that run real processes and real repositories."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agentfleet.demo.processes import free_port as free_port  # re-exported: tests import it from here

if TYPE_CHECKING:
    from agentfleet.store import Store

REQUIRE_ALL = os.environ.get("AGENTFLEET_REQUIRE_ALL") == "1"
"""Set in CI: a missing service fails the test instead of skipping it."""

GIT_ID = ["-c", "user.name=Test Author", "-c", "user.email=author@example.com", "-c", "commit.gpgsign=false"]


def need(condition: bool, why: str) -> None:
    """Skip (locally) or fail (CI) when a real dependency is missing."""
    if not condition:
        if REQUIRE_ALL:
            pytest.fail(f"required in CI but missing: {why}")
        pytest.skip(why)


def need_binary(name: str) -> str:
    """Path of ``name`` on PATH, or skip/fail."""
    path = shutil.which(name)
    need(path is not None, f"{name} is not installed")
    return path or name


def wait_for(predicate: Callable[[], Any], timeout: float, what: str, interval: float = 0.1) -> Any:
    """Poll ``predicate`` until it returns something truthy; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity; returns stdout."""
    done = subprocess.run(["git", *GIT_ID, *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def make_repo(path: Path, files: Mapping[str, str], *, branch: str = "main", message: str = "initial") -> str:
    """A real git repository at ``path`` with ``files`` committed; returns the commit SHA."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", branch], cwd=path, check=True)
    return commit(path, files, message)


def commit(repo: Path, files: Mapping[str, str], message: str) -> str:
    """Write ``files`` into ``repo``, commit them, return the new SHA."""
    for rel, text in files.items():
        target = repo / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


class Proc:
    """A child process in its own process group, with its output in a log file."""

    def __init__(self, args: list[str], env: Mapping[str, str], log: Path, cwd: Path | None = None) -> None:
        self.args = args
        self.log = log
        self._out = log.open("ab")
        self.popen = subprocess.Popen(
            args, env=dict(env), cwd=cwd, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the whole process group (the process and its children)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def stop(self, timeout: float = 10) -> None:
        """SIGTERM the group, then SIGKILL what is left."""
        if self.alive():
            self.kill(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout)
        self.kill(signal.SIGKILL)
        self.popen.wait(5)
        self._out.close()


def fresh_process_caches() -> None:
    """Forget this process's settings, context and stores (closing the cached context's connections), as
    a new process would start."""
    from agentfleet.core.context import get_context
    from agentfleet.core.settings import get_settings
    from agentfleet.store import get_store

    if get_context.cache_info().currsize:  # PostgreSQL warns about connections left open
        get_context().store.dispose()
    for cache in (get_settings, get_context, get_store):
        cache.cache_clear()


def database_for(request: pytest.FixtureRequest) -> str | None:
    """The store URL for a test parametrised over ``sqlite`` / ``postgresql``: ``None`` (SQLite in the data
    dir) or a fresh database on the session's PostgreSQL (fixture ``postgres_server``)."""
    if request.param == "sqlite":
        return None
    from sqlalchemy import create_engine, text

    base = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return f"{base}/{name}"


BOTH_STORES = ["sqlite", "postgresql"]
"""Parameters of a ``database_url`` fixture that runs a suite on both stores."""


def agentfleet_cmd(*args: str) -> list[str]:
    """argv running the agentfleet CLI with this interpreter."""
    return [sys.executable, "-m", "agentfleet.cli", *args]


def run_client(code: str, env: Mapping[str, str], timeout: float = 60) -> str:
    """Run Python ``code`` as a separate client process (its own settings from ``env``); returns stdout."""
    done = subprocess.run([sys.executable, "-c", code], env=dict(env), capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"client failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


LAUNCH = """
import sys
from agentfleet.tasks import pipeline
from agentfleet.core.context import get_context
from agentfleet.contracts import Job
from agentfleet.store import work
job = Job.model_validate_json(sys.argv[1] if len(sys.argv) > 1 else {job!r})
claim, run = work.claim(get_context().store, job, run_id="test", cooldown_s=0, stale_s=3600)
print(pipeline.launch(job.model_copy(update={{"run": run}})).id)
"""


def launch_job(job_json: str, env: Mapping[str, str]) -> str:
    """Claim and launch a job's chain from a client process, as triage would; returns the chain id."""
    return run_client(LAUNCH.format(job=job_json), env).strip()


@dataclass(frozen=True)
class SvcFleet:
    """The one-repo fleet the integration tests run (fixture ``svc_fleet``): its store, the one child
    processes use, and the repo's head commit."""

    store: Store
    head: str


def wait_for_delivery(store: Store, what: str, key: str | None = None, timeout: float = 60) -> Any:
    """The newest ledger row of a *completed* delivery (for ``key``, if given), waiting up to ``timeout``;
    a ``started`` row is not enough, the rest of its chain may still be writing."""
    return wait_for(lambda: next(iter(completed(store, "deliver", key=key)), None), timeout, what)


def completed(store: Store, stage: str | None = None, key: str | None = None) -> list[Any]:
    """Ledger rows (newest first) of stages that completed: their verdict rows, of ``stage`` and ``key`` if given."""
    from agentfleet.store import ledger

    return [row for row in ledger.recent(store, stage=stage, key=key, limit=200) if row.outcome in ledger.COMPLETED]


NOT_SOURCE = (
    "docs/conf.py",
    "versioneer.py",
    "ez_setup.py",
    "distribute_setup.py",
    "examples/tables.py",
    "demo/run.py",
    "bin/update-tables.py",
    "noxfile.py",
    "docs/examples/app/host.py",
)
"""Python files in a repository that the coverage and quality monitors do not audit as its source: Sphinx's
configuration, vendored setup scripts, example folders, scripts no import can name."""
