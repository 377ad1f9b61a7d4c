"""Runs that hold nothing of the patch, kept by what they ran: the suite on the base commit, the
investigation's proof before the fix. Many patches share a base commit; each such run is done once.

A run is cached only when complete, under ``<data_dir>/gate/base-runs/<key>.json``; the key covers the
repository and its base commit, what was run and the files the gate wrote, the sandbox settings (image,
environment, limits), the repo's ``setup``, the gate's own harness code and this process's string-hash seed
(``layout.hash_seed``: a suite parametrised over a set names its tests by the hashes). Nothing from a patch ever
reaches such a run, so nothing a patch does can change the cached outcome.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.pytest_report import Outcome, Request, RunReport
from agentfleet.flow.gate.pytest_report.harness import HARNESS_VERSION
from agentfleet.sandboxes.layout import hash_seed

__all__ = ["cache_key", "load", "store"]

log = logging.getLogger(__name__)


def cache_key(
    ctx: Context, repo: RepoConfig, commit: str, request: Request, extra: Mapping[str, str], attempt: int = 0
) -> str:
    """A key for the run of ``request`` on ``commit`` with the gate's own files ``extra`` (``attempt``: which re-run
    of it, each a sample of its own)."""
    parts = {
        "repo": [repo.name, repo.location, repo.setup, repo.gate.test_timeout_s],
        "commit": commit,
        "request": dataclasses.asdict(request),
        "extra": sorted(extra.items()),
        "sandbox": ctx.settings.sandbox.model_dump(mode="json"),
        "harness": HARNESS_VERSION,
        "hash_seed": hash_seed(),
        **({"attempt": attempt} if attempt else {}),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def _path(ctx: Context, key: str) -> Path:
    return ctx.settings.data_dir / "gate" / "base-runs" / f"{key}.json"


def load(ctx: Context, key: str, label: str) -> RunReport | None:
    """The cached run for ``key`` (relabelled ``label``), or ``None``."""
    try:
        data = json.loads(_path(ctx, key).read_text())
        tests = {test: Outcome(**outcome) for test, outcome in data.pop("tests").items()}
        return RunReport(**{**data, "label": label, "tests": tests, "collected": tuple(data["collected"])})
    except (OSError, ValueError, TypeError, KeyError):
        return None


def store(ctx: Context, key: str, run: RunReport) -> None:
    """Keep ``run`` under ``key`` when it is complete (written atomically; a failure only costs a re-run)."""
    if not run.complete:
        return
    path = _path(ctx, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(f".{os.getpid()}.tmp")
        scratch.write_text(json.dumps(dataclasses.asdict(run)))
        os.replace(scratch, path)
    except OSError as exc:
        log.warning("gate base-run cache not written (%s): %s", path, exc)
