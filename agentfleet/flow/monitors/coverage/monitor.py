"""The ``coverage`` monitor: new code paths on the default branch that no test runs, one finding per function.

Changes are counted from the last audited commit (``audits``; the fleet file's ``since`` for the first audit)
to the default branch's HEAD, read host side with git. The suite then runs once under coverage.py (branches,
one context per test) in a sandbox at HEAD; a changed line or branch no test executes is a gap, as
diff-cover counts them. A red suite is recorded (ledger and log) and starts no work.
"""

from __future__ import annotations

import logging

from agentfleet.advisories.snapshot import GitTree, git_tree_for
from agentfleet.contracts import Finding
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import commit_sha
from agentfleet.flow.monitors.coverage.audits import baseline, propose
from agentfleet.flow.monitors.coverage.changes import changed_lines, python_files, source_filter
from agentfleet.flow.monitors.coverage.findings import Gap, finding_for, gaps_in
from agentfleet.flow.monitors.coverage.lines import save_lines
from agentfleet.flow.monitors.coverage.measure import Measurement, measure, pytest_args, remove_scratch
from agentfleet.sandboxes.factory import open_sandbox, sandbox_dir
from agentfleet.sandboxes.mirror import mirrors_dir
from agentfleet.store import findings, ledger

__all__ = ["CoverageMonitor"]

log = logging.getLogger(__name__)

_MEMORY = 2 << 30


class CoverageMonitor:
    """Reports functions whose changed lines and branches tests run less than ``min_diff_coverage`` of."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def scan(self, repo: RepoConfig) -> list[Finding]:
        """Audit ``repo``'s default branch; ``[]`` (and a ledger row) when its suite is red."""
        conf = repo.coverage
        mirrors = mirrors_dir(sandbox_dir(self.ctx.settings.data_dir))
        tree = git_tree_for(repo.location, repo.default_branch, mirrors, repo.name)
        head = tree.commit
        base = self._audited(repo, tree) or self._since(repo, tree)
        accept = source_filter(conf)
        if base is None and conf.min_function_coverage is None:
            log.info("coverage repo=%s first audit: baseline %s (set since to audit earlier changes)", repo.name, head)
            propose(self.ctx.store, repo.name, head)
            return []
        changed = changed_lines(tree.git_dir, base, head, accept) if base else {}
        paths = sorted(changed) if conf.min_function_coverage is None else python_files(tree.git_dir, head, accept)
        if not paths:
            propose(self.ctx.store, repo.name, head)
            return []
        try:
            measured = self._measure(repo, head, paths)
        except PermanentError as exc:  # no report from the probe: recorded, no work, the baseline stays
            self._record(repo, head, "no-measurement", {"error": str(exc)[-1500:]})
            log.warning("coverage repo=%s commit=%s could not be measured: %s", repo.name, head[:12], exc)
            return []
        if measured.red:
            self._red(repo, head, measured)
            return []
        save_lines(self.ctx.store, repo.name, head, measured.files)
        gaps = self._gaps(repo, tree, measured, changed)
        return self._report(repo, head, base or "", gaps)

    def _audited(self, repo: RepoConfig, tree: GitTree) -> str | None:
        """The last audited commit, unless the history no longer has it (a force-push, a repo moved)."""
        audited = baseline(self.ctx.store, repo.name)
        if audited is None or commit_sha(audited, tree.git_dir) is not None:
            return audited
        log.warning(
            "coverage repo=%s last audited commit %s is not in the history any more; counting from since=%r",
            repo.name,
            audited[:12],
            repo.coverage.since,
        )
        return None

    def _since(self, repo: RepoConfig, tree: GitTree) -> str | None:
        since = repo.coverage.since
        if since is None:
            return None
        sha = commit_sha(since, tree.git_dir)
        if sha is None:
            log.warning("coverage repo=%s since=%r names no commit; auditing from HEAD on", repo.name, since)
        return sha

    def _measure(self, repo: RepoConfig, head: str, paths: list[str]) -> Measurement:
        conf = repo.coverage
        with open_sandbox(self.ctx, repo, head) as box:
            try:
                return measure(
                    box,
                    pytest_args(repo.test),
                    paths=paths,
                    test_timeout=conf.test_timeout_s,
                    timeout=conf.suite_timeout_s,
                    memory_bytes=_MEMORY,
                    timeout_setting=f"suite_timeout_s in [repos.coverage] of repo {repo.name!r}",
                )
            finally:
                remove_scratch(box)

    def _red(self, repo: RepoConfig, head: str, measured: Measurement) -> None:
        failing = measured.failing
        shown = ", ".join(failing[:3]) + (" …" if len(failing) > 3 else "")
        log.warning(
            "coverage repo=%s commit=%s suite is red (exit %d, %d failing: %s): no test work until it is green",
            repo.name,
            head[:12],
            measured.exit,
            len(failing),
            shown or "none reported",
        )
        outputs = {"exit": measured.exit, "failing": failing[:20], "timeouts": sorted(measured.timeouts)[:20]}
        self._record(repo, head, "red-suite", outputs)

    def _record(self, repo: RepoConfig, head: str, outcome: str, outputs: dict[str, object]) -> None:
        ledger.append(
            self.ctx.store,
            stage="monitor:coverage",
            outcome=outcome,
            repo=repo.name,
            inputs={"commit": head},
            outputs=outputs,
        )

    def _gaps(self, repo: RepoConfig, tree: GitTree, measured: Measurement, changed: dict[str, set[int]]) -> list[Gap]:
        conf = repo.coverage
        gaps: list[Gap] = []
        for path, cov in measured.files.items():
            source = tree.read(path)
            if source is None:
                continue
            try:
                gaps += gaps_in(
                    path, source, cov, changed.get(path), conf.min_diff_coverage, conf.min_function_coverage
                )
            except SyntaxError as exc:
                log.warning("coverage repo=%s %s does not parse (line %s); skipped", repo.name, path, exc.lineno)
        return sorted(gaps, key=lambda g: (-(len(g.lines) + len(g.branches)), g.path, g.function.start))

    def _report(self, repo: RepoConfig, head: str, base: str, gaps: list[Gap]) -> list[Finding]:
        """At most ``max_items_per_run`` findings not reported before; the baseline moves only when all were."""
        cap = repo.coverage.max_items_per_run
        every = [finding_for(gap, repo.name, head, base) for gap in gaps]
        new = [f for f in every if findings.get(self.ctx.store, repo.name, f.fingerprint) is None]
        reported = new[:cap]
        propose(self.ctx.store, repo.name, head if len(new) <= cap else None, [f.fingerprint for f in reported])
        log.info(
            "coverage repo=%s base=%s head=%s gaps=%d new=%d reported=%d",
            repo.name,
            base[:12],
            head[:12],
            len(every),
            len(new),
            len(reported),
        )
        return reported
