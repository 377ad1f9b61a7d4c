"""Tests before refactoring: lines a refactor changes that no test runs become ``expand_tests`` work.

The gate records one coverage finding per function (the coverage monitor's fingerprint, so both dedupe into
one piece of work) and hands it to triage, which dedupes, applies the budgets and claims the work. A gate
starts no chain itself: the claimed work is left held, and the repo's next monitor run launches it (triage
resumes held work). Every filing is a ledger row on the refactor's key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from agentfleet.analysis.functions import FunctionSpan
from agentfleet.contracts import (
    CoverageEvidence,
    Finding,
    FindingKind,
    Job,
    Severity,
    WorkKind,
    idempotency_key,
    stable_hash,
)
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.monitors.coverage.findings import Gap, fingerprint
from agentfleet.flow.triage.stage import triage
from agentfleet.store import ledger, work

__all__ = ["Uncovered", "file_expand_tests"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Uncovered:
    """Lines of one function (at the base commit) that a refactor changes and no test runs."""

    path: str
    function: FunctionSpan
    lines: list[int]


def _finding(gap: Uncovered, repo: str, commit: str) -> Finding:
    key = fingerprint(Gap(gap.path, gap.function, tuple(gap.lines), (), 0, len(gap.lines)))
    return Finding(
        kind=FindingKind.COVERAGE,
        repo=repo,
        fingerprint=key,
        severity=Severity.LOW,
        title=f"tests first: no test runs {len(gap.lines)} line(s) of {gap.path}::{gap.function.qualname} "
        "a refactor changes"[:300],
        evidence=CoverageEvidence(
            path=gap.path,
            lines=tuple(gap.lines),
            function=gap.function.qualname,
            span=(gap.function.start, gap.function.end),
            since=commit,
        ),
        commit=commit,
    )


def file_expand_tests(ctx: Context, repo: RepoConfig, job: Job, gaps: list[Uncovered]) -> list[str]:
    """Triage ``expand_tests`` work for ``gaps`` (held until the next monitor run launches it); the work keys."""
    if not gaps:
        return []
    found = [_finding(g, repo.name, job.item.base_commit) for g in gaps]
    # a run id fits the store's 64 characters whatever the key's length (PostgreSQL refuses a longer one)
    result = triage(ctx, repo, found, run_id=f"gate:{stable_hash(job.key, length=24)}:{job.run}")
    for started in result.jobs:
        work.hold(ctx.store, started)
    keys = [idempotency_key(repo.name, WorkKind.EXPAND_TESTS, f.fingerprint) for f in found]
    ledger.append(
        ctx.store,
        stage="gate:tests-first",
        outcome="filed",
        repo=repo.name,
        key=job.key,
        inputs={"uncovered": {f"{g.path}::{g.function.qualname}": g.lines for g in gaps}},
        outputs={"expand_tests": keys, "new": [j.key for j in result.jobs], "counted": result.counted},
    )
    log.info("gate key=%s tests first: %d expand_tests item(s) filed", job.key, len(keys))
    return keys
