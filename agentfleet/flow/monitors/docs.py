"""The ``docs`` monitor: public API changes since the last audited commit whose docs did not follow.

Each run audits the default branch from where the last one stopped (the first from ``[repos.docs] since``, or
``history`` commits back) and re-checks what is still open, so a finding stays one finding until its docs
are fixed. When the branch has not moved, the open findings are reported again without reading anything:
the monitor can run as often as every new commit. Problems (files that do not parse, docstrings in no known
style, binary docs, dynamic symbols, the time budget) land in the ledger, one line each.
"""

from __future__ import annotations

import logging

from agentfleet.advisories.snapshot import git_tree_for
from agentfleet.contracts import Finding
from agentfleet.core.context import Context
from agentfleet.core.errors import TransientError
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import commit_sha
from agentfleet.flow.monitors.docs_drift import state
from agentfleet.flow.monitors.docs_drift.audit import AuditReport, audit
from agentfleet.flow.monitors.docs_drift.findings import evidence_of, finding_for
from agentfleet.flow.monitors.docs_drift.trees import first_base
from agentfleet.sandboxes.factory import sandbox_dir
from agentfleet.sandboxes.mirror import mirrors_dir
from agentfleet.store import ledger

__all__ = ["DocsMonitor"]

log = logging.getLogger(__name__)

_MAX_PROBLEMS = 50


class DocsMonitor:
    """One finding per public symbol whose docs disagree with its new signature (or were not updated at all)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def scan(self, repo: RepoConfig) -> list[Finding]:
        """Audit ``repo``'s default branch since the last audit; open findings are reported again."""
        store = self.ctx.store
        tree = git_tree_for(
            repo.location, repo.default_branch, mirrors_dir(sandbox_dir(self.ctx.settings.data_dir)), repo.name
        )
        head, known = tree.commit, state.load(store, repo.name)
        if known is not None and known.commit == head:
            return [finding_for(e, repo.name, head) for e in known.pending]
        base = known.commit if known is not None and commit_sha(known.commit, tree.git_dir) else None
        if base is None:
            base = first_base(tree.git_dir, head, repo.docs.since, repo.docs.history)
        pending = known.pending if known is not None else ()
        try:
            report = audit(tree.git_dir, base, head, repo.docs, pending)
        except TransientError:
            raise
        except Exception as exc:  # griffe and ast read arbitrary repository code: record it, keep the worker up
            log.exception("docs audit failed repo=%s base=%s head=%s", repo.name, base[:12], head[:12])
            ledger.append(
                store,
                stage="docs-audit",
                outcome="failed",
                repo=repo.name,
                actor="monitor:docs",
                inputs={"base": base, "head": head},
                outputs={"error": f"{type(exc).__name__}: {exc}"[:500]},
            )
            return [finding_for(e, repo.name, head) for e in pending]
        evidence = evidence_of(report)
        state.save(store, repo.name, head, evidence)
        self._record(repo, report, len(evidence))
        return [finding_for(e, repo.name, head) for e in evidence]

    def _record(self, repo: RepoConfig, report: AuditReport, findings: int) -> None:
        for problem in report.problems[:_MAX_PROBLEMS]:
            log.warning("docs repo=%s problem=%s", repo.name, problem)
        extra = len(report.problems) - _MAX_PROBLEMS
        ledger.append(
            self.ctx.store,
            stage="docs-audit",
            outcome="problems" if report.problems else "ok",
            repo=repo.name,
            actor="monitor:docs",
            duration_ms=int(report.seconds * 1000),
            inputs={"base": report.base, "head": report.head, "packages": list(report.layout.packages)},
            outputs={
                "changes": len(report.changes),
                "findings": findings,
                "problems": report.problems[:_MAX_PROBLEMS] + ([f"… and {extra} more"] if extra > 0 else []),
            },
        )
        log.info(
            "docs repo=%s base=%s head=%s changes=%d findings=%d problems=%d seconds=%.2f",
            repo.name,
            report.base[:12],
            report.head[:12],
            len(report.changes),
            findings,
            len(report.problems),
            report.seconds,
        )
