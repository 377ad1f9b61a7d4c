"""``TestsFixer``: the ``tests`` fixer for ``expand_tests`` work — generate, curate, check, propose.

1. Candidates: Pynguin on the target's module (its own tool sandbox); when what survives curation covers
   less than ``min_diff_coverage`` of the target, the characterisation writer adds its own.
2. Curation in the work sandbox: ``runs`` fresh-process runs in random orders, no side effects, then the
   fewest tests keeping the coverage gain on the target lines and branches.
3. The file: renamed tests, one import block, where the repo keeps tests.
4. Mutation check on the target lines (a test no mutant there makes fail on its own is dropped: the gate
   refuses it, ``each_test_kills``); below ``min_new_kills``, or below ``min_diff_coverage`` of the
   target, there is no patch (the gate would refuse it) and a ``NoFix`` says what was tried.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agentfleet.analysis import module_name
from agentfleet.analysis.functions import find_function, functions_in, owner_of
from agentfleet.contracts import ExpandTests, Job, NoFix, Patch
from agentfleet.core.context import Context
from agentfleet.core.diffs import new_file_diff, unified_diff
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.fixers.tests.curate import Targets, minimise, stable
from agentfleet.flow.fixers.tests.generate import Pool, from_characterisation, from_pynguin
from agentfleet.flow.fixers.tests.mutants import killed, kills_by_test, mutants_at
from agentfleet.flow.fixers.tests.placement import test_path
from agentfleet.flow.fixers.tests.public_import import public_imports
from agentfleet.flow.fixers.tests.report import Outcome, learned, rationale
from agentfleet.flow.fixers.tests.sources import existing_tests
from agentfleet.flow.fixers.tests.writer import compose, test_name
from agentfleet.flow.investigation.source import SourceRepo
from agentfleet.flow.monitors.coverage.findings import gap_of
from agentfleet.flow.monitors.coverage.measure import measure, pytest_args, remove_scratch
from agentfleet.sandboxes.factory import repo_mirror

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["TestsFixer"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Work:
    """One item being worked on: the repo, the target file's text, where the tests go, the candidates."""

    item: ExpandTests
    repo: RepoConfig
    source: str
    dest: str
    pool: Pool
    started: float


class TestsFixer:
    """Tests for code no test runs, with no LLM: kept only when stable, covering and killing mutants."""

    name = "tests"
    __test__ = False  # not a pytest test class, whatever its name

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def run(self, job: Job, box: Sandbox) -> Patch | NoFix:
        """A patch adding tests for ``job``'s function, or a ``NoFix`` saying what was tried."""
        item = job.item
        if not isinstance(item, ExpandTests):
            return NoFix(
                author=self.name, reason=f"the tests fixer writes tests for expand_tests work, not {item.kind}"
            )
        try:
            return self._run(item, box)
        except (PermanentError, SyntaxError) as exc:  # an unreadable target, a probe with no report: no patch
            return NoFix(author=self.name, reason=f"{type(exc).__name__}: {str(exc)[:500]}")
        finally:
            remove_scratch(box)

    def _completed(self, item: ExpandTests, source: str, box: Sandbox) -> ExpandTests | None:
        """``item`` with its function (from its lines) and its targets (measured now) when it lacks them."""
        function = find_function(source, item.function) if item.function else None
        if function is None and not item.function:
            function = owner_of(functions_in(source), min(item.lines, default=0))
        if function is None:
            return None
        item = item.model_copy(update={"function": function.qualname, "span": (function.start, function.end)})
        if item.lines or item.branches:
            return item
        conf = self.ctx.repo(item.repo).coverage
        args = pytest_args(self.ctx.repo(item.repo).test)
        suite = measure(
            box,
            args,
            paths=[item.path],
            test_timeout=conf.test_timeout_s,
            timeout=conf.suite_timeout_s,
            timeout_setting=f"suite_timeout_s in [repos.coverage] of repo {item.repo!r}",
        )
        cov = suite.files.get(item.path)
        gap = gap_of(item.path, function, cov, None) if cov is not None else None
        return item if gap is None else item.model_copy(update={"lines": gap.lines, "branches": gap.branches})

    def _run(self, item: ExpandTests, box: Sandbox) -> Patch | NoFix:
        repo = self.ctx.repo(item.repo)
        started = time.monotonic()
        source = box.read(item.path)
        module = module_name(item.path)
        found = self._completed(item, source, box) if module is not None else None
        if found is None or module is None:
            what = repr(item.function) if item.function else f"holding lines {list(item.lines)}"
            why = f"{item.path} has no function {what} at {item.base_commit[:12]}, or no import name"
            return NoFix(author=self.name, reason=why)
        files = SourceRepo(repo_mirror(self.ctx, repo).path).files(found.base_commit)
        tests = existing_tests(files, box)
        work = _Work(found, repo, source, test_path(files, found.path, tests), Pool(), started)
        targets = Targets(found.path, frozenset(found.lines), frozenset(found.branches))
        if repo.coverage.pynguin:
            from_pynguin(self.ctx, repo, found, module, work.pool)
        outcome = self._curate(box, repo, work.pool, work.dest, targets)
        if (
            outcome.share < repo.coverage.min_diff_coverage
            and time.monotonic() - started < found.budget.max_seconds / 2
        ):
            from_characterisation(box, repo, found, tests, work.pool)
            outcome = self._curate(box, repo, work.pool, work.dest, targets)
        return self._finish(box, work, outcome)

    def _curate(self, box: Sandbox, repo: RepoConfig, pool: Pool, dest: str, targets: Targets) -> Outcome:
        conf = repo.coverage
        outcome = Outcome(targets=targets, dest=dest)
        if not pool.tests:
            return outcome
        pool.lint(repo.gate.ruff_select)
        path = Pool.path_beside(dest)
        box.write(path, pool.text())
        try:
            stability = stable(box, [path], conf.runs, conf.test_timeout_s)
            selection = minimise(box, stability.kept, targets, conf.max_tests, conf.test_timeout_s)
        finally:
            box.run(["rm", "-f", "--", path], timeout=30)
        outcome.stability, outcome.selection = stability, selection
        outcome.chosen = [pool.tests[nodeid.rsplit("::", 1)[-1]] for nodeid in selection.chosen]
        outcome.seconds = sum(stability.seconds.get(t, 0.0) for t in selection.chosen)
        return outcome

    def _finish(self, box: Sandbox, work: _Work, outcome: Outcome) -> Patch | NoFix:
        item, conf, pool = work.item, work.repo.coverage, work.pool
        if not outcome.chosen:
            why = "no generated test passed every run and covered a target line or branch"
            return NoFix(author=self.name, reason=why, learned=learned(item, pool, outcome), attempts=len(pool.tests))
        existing = self._existing(box, work.dest)
        taken = set(re.findall(r"def (test\w*)", existing or ""))
        named = [(test_name(item.function, c, taken), c) for c in outcome.chosen]
        imports = public_imports(pool.imports, item.path, box.read)
        text = compose(existing, imports, named)
        box.write(work.dest, text)
        ours = [f"{work.dest}::{name}" for name, _ in named]
        final = measure(box, ours, coverage=False, test_timeout=conf.test_timeout_s, timeout=600)
        if sorted(final.passing) != sorted(ours):
            why = f"the tests fail once written into {work.dest}: {', '.join(final.failing[:5]) or 'none ran'}"
            return NoFix(author=self.name, reason=why, learned=learned(item, pool, outcome), attempts=len(pool.tests))
        lines = set(item.lines) | {a for a, _ in item.branches}
        mutants = mutants_at(item.path, work.source, lines, conf.max_mutants)
        outcome.mutants = len(mutants)
        per = max(2.0, conf.test_timeout_s)
        dead = killed(box, item.path, work.source, mutants, ours, per)
        outcome.killed = len(dead)
        if conf.each_test_kills and dead and len(ours) > 1:  # the gate refuses a test no mutant makes fail
            kills = kills_by_test(box, item.path, work.source, [m for m in mutants if m.id in dead], ours, per)
            named = [(name, c) for (name, c), test in zip(named, ours, strict=True) if kills[test]]
            text = compose(existing, imports, named)
            box.write(work.dest, text)
        outcome.elapsed = time.monotonic() - work.started
        log.info(
            "tests key=%s chosen=%d share=%.2f killed=%d/%d",
            item.key,
            len(named),
            outcome.share,
            outcome.killed,
            outcome.mutants,
        )
        if outcome.share < conf.min_diff_coverage or outcome.killed < conf.min_new_kills:
            return NoFix(
                author=self.name,
                reason=outcome.shortfall(conf),
                learned=learned(item, pool, outcome),
                attempts=len(pool.tests),
            )
        diff = new_file_diff(work.dest, text) if existing is None else unified_diff(work.dest, existing, text)
        why = rationale(item, pool, outcome, named)
        return Patch(base_commit=item.base_commit, diff=diff, files=(work.dest,), author=self.name, rationale=why)

    @staticmethod
    def _existing(box: Sandbox, dest: str) -> str | None:
        try:
            return box.read(dest)
        except PermanentError:
            return None
