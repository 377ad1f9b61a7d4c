"""The ``quality`` monitor: functions past a complexity, nesting, length or ruff threshold, and duplicated
blocks, on the default branch; one finding per place.

Everything is read host side, statically, from git (nothing is checked out, imported or run). ``mode = "new"``
reports debt that crossed a threshold since the last audited commit (the first audit records HEAD, or counts
from ``since``); ``mode = "worst"`` the worst places not reported before. Findings stay open, and are reported
again by each audit, until their code changes. Problems (files that do not parse, generated files, dynamic
functions, the time budget) land in the ledger.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from agentfleet.advisories.snapshot import GitTree, git_tree_for
from agentfleet.contracts import Finding, QualityEvidence
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import commit_sha
from agentfleet.flow.monitors.coverage.changes import changed_lines, source_filter
from agentfleet.flow.monitors.docs_drift.trees import export
from agentfleet.flow.monitors.quality.audit import Audit, measure
from agentfleet.flow.monitors.quality.covered import with_coverage
from agentfleet.flow.monitors.quality.debts import Debt, debts, new_debts
from agentfleet.flow.monitors.quality.findings import evidence_of, finding_for, fingerprint
from agentfleet.flow.monitors.quality.state import audited, open_findings, proposed, save_open
from agentfleet.sandboxes.factory import sandbox_dir
from agentfleet.sandboxes.mirror import mirrors_dir
from agentfleet.store import findings, ledger

__all__ = ["QualityMonitor"]

log = logging.getLogger(__name__)

_MAX_PROBLEMS = 50


@dataclass
class _Run:
    """One audit: the tree, where it counts from, what it read."""

    repo: RepoConfig
    tree: GitTree
    base: str
    audit: Audit
    started: float


class QualityMonitor:
    """One finding per function past a threshold (or per duplicated block), with its metrics as evidence."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def scan(self, repo: RepoConfig) -> list[Finding]:
        """Audit ``repo``'s default branch; open findings are reported again while their code stands."""
        started = time.monotonic()
        tree = git_tree_for(
            repo.location, repo.default_branch, mirrors_dir(sandbox_dir(self.ctx.settings.data_dir)), repo.name
        )
        base = audited(self.ctx.store, repo.name) or self._since(repo, tree)
        if repo.quality.mode == "new" and base is None:
            log.info(
                "quality repo=%s first audit: baseline %s (set since to audit earlier changes)", repo.name, tree.commit
            )
            proposed(self.ctx.store, repo.name, tree.commit, [])
            return []
        changed = changed_lines(tree.git_dir, base, tree.commit, source_filter(repo.quality)) if base else {}
        run = _Run(repo, tree, base or "", self._read(repo, tree, first=sorted(changed)), started)
        if repo.quality.mode == "new":
            prior = measure(self._texts(tree, base or "", sorted(changed)), repo.quality)
            found = new_debts(run.audit, prior, changed, repo.quality)
        else:
            found = debts(run.audit, repo.quality)
        complete = not set(run.audit.unread) & set(changed)
        return self._report(run, found, complete)

    def _since(self, repo: RepoConfig, tree: GitTree) -> str | None:
        since = repo.quality.since
        sha = commit_sha(since, tree.git_dir) if since else None
        if since and sha is None:
            log.warning("quality repo=%s since=%r names no commit; auditing from HEAD on", repo.name, since)
        return sha

    def _read(self, repo: RepoConfig, tree: GitTree, first: list[str]) -> Audit:
        """Every accepted file at HEAD (changed ones first, so the time budget reads them before the rest)."""
        conf = repo.quality
        accept = source_filter(conf)
        deadline = time.monotonic() + conf.time_budget_s
        with export(tree.git_dir, tree.commit, accept, max_bytes=conf.max_file_bytes) as snapshot:
            order = [p for p in first if p in snapshot.paths] + [p for p in snapshot.paths if p not in set(first)]
            texts = {p: text for p in order if (text := snapshot.text(p)) is not None}
            audit = measure(texts, conf, deadline=deadline)
        audit.problems += list(snapshot.skipped)
        return audit

    @staticmethod
    def _texts(tree: GitTree, commit: str, paths: list[str]) -> dict[str, str]:
        old = GitTree(tree.git_dir, commit)
        return {p: text for p in paths if (text := old.read(p)) is not None}

    def _report(self, run: _Run, found: list[Debt], complete: bool) -> list[Finding]:
        """Open findings still standing, then at most ``max_items_per_run`` new ones (the worst first)."""
        repo, conf, store = run.repo, run.repo.quality, self.ctx.store
        every = {fingerprint(d): d for d in debts(run.audit, conf)}
        still = {fp: ev for fp, ev in open_findings(store, repo.name).items() if fp in every}
        fresh = [d for d in found if fingerprint(d) not in still]
        fresh = [d for d in fresh if findings.get(store, repo.name, fingerprint(d)) is None]
        reported = with_coverage(fresh[: conf.max_items_per_run], store, repo.name, run.tree.git_dir)
        since = run.base if conf.mode == "new" else ""
        opened = {fingerprint(d): evidence_of(d, conf, since) for d in reported}
        move = complete and len(fresh) <= conf.max_items_per_run
        proposed(store, repo.name, run.tree.commit if move else None, list(opened))
        save_open(store, repo.name, {**still, **opened})
        self._record(run, len(found), len(opened), len(still))
        head = run.tree.commit
        return [self._finding(fp, ev, every, repo.name, head) for fp, ev in {**still, **opened}.items()]

    @staticmethod
    def _finding(fp: str, evidence: QualityEvidence, every: dict[str, Debt], repo: str, head: str) -> Finding:
        return finding_for(evidence, fp, repo, head, every[fp].excess if fp in every else 1.0)

    def _record(self, run: _Run, debt: int, new: int, still: int) -> None:
        audit = run.audit
        problems = audit.problems[:_MAX_PROBLEMS]
        skipped = [f"{m.path}::{m.function.qualname}: {m.skipped}" for m in audit.functions.values() if m.skipped]
        ledger.append(
            self.ctx.store,
            stage="monitor:quality",
            outcome="problems" if audit.problems or audit.unread else "ok",
            repo=run.repo.name,
            duration_ms=int((time.monotonic() - run.started) * 1000),
            inputs={"base": run.base, "head": run.tree.commit, "mode": run.repo.quality.mode},
            outputs={
                "functions": len(audit.functions),
                "clones": len(audit.clones),
                "debt": debt,
                "reported_new": new,
                "still_open": still,
                "problems": problems,
                "skipped": skipped[:_MAX_PROBLEMS],
                "unread": audit.unread[:_MAX_PROBLEMS],
            },
        )
        log.info(
            "quality repo=%s base=%s head=%s functions=%d debt=%d new=%d open=%d problems=%d unread=%d",
            run.repo.name,
            run.base[:12],
            run.tree.commit[:12],
            len(audit.functions),
            debt,
            new,
            still,
            len(audit.problems),
            len(audit.unread),
        )
