"""Checks the gate runs itself in a fresh sandbox: the patch applies, fixes what it claims, suite green.

For ``fix_error`` work the proof is a regression test the patch adds (its test files alone must fail
on the base commit, and pass with the whole patch) or else the investigation's reproduction
command (fails before, passes after). Nothing the fixer reported is taken on trust.
"""

from __future__ import annotations

import fnmatch
import shlex
from dataclasses import dataclass, field

from agentfleet.analysis import is_test_file
from agentfleet.contracts import Check, Job, SandboxResult
from agentfleet.core.context import Context
from agentfleet.core.diffs import apply_to_files
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.kinds import kind_of
from agentfleet.sandboxes import Sandbox
from agentfleet.sandboxes.factory import open_sandbox

__all__ = ["SandboxOutcome", "run_sandboxed"]

_TAIL = 1500


@dataclass
class SandboxOutcome:
    """The sandbox checks, and every touched file before and after the patch (``None``: absent)."""

    checks: list[Check] = field(default_factory=list)
    before: dict[str, str | None] = field(default_factory=dict)
    after: dict[str, str | None] = field(default_factory=dict)


def _read(box: Sandbox, path: str) -> str | None:
    try:
        return box.read(path)
    except PermanentError:
        return None


def _summary(result: SandboxResult) -> str:
    status = "timed out" if result.timed_out else f"killed ({result.killed_by})" if result.killed_by else "exit"
    output = (result.stdout + result.stderr).strip()[-_TAIL:]
    return f"`{result.command}`: {status} {result.exit_code} in {result.duration_s:.1f}s\n{output}"


def _regression(box: Sandbox, repo: RepoConfig, job: Job, view: DiffView, timeout: float) -> Check:
    """Applies the patch in two steps (tests first) and checks the proof fails before and passes after."""
    tests_diff, code_diff = view.split(lambda f: is_test_file(f.path))
    tests = sorted(f.path for f in view.files if is_test_file(f.path) and f.added and not f.deleted)
    report = job.report.reproduction if job.report else None
    if tests:
        command = f"{repo.test} {shlex.join(tests)}"
        box.apply(tests_diff)
        before = box.run(command, timeout=timeout)
        box.apply(code_diff)
        proof = "the regression test(s) the patch adds"
    elif report is not None and report.reproduced and report.command:
        command = report.command
        before = box.run(command, timeout=timeout)
        box.apply(job.patch.diff if job.patch else "")
        proof = "the investigation's reproduction"
    else:
        box.apply(job.patch.diff if job.patch else "")
        why = "the patch adds no regression test and the investigation did not reproduce the error"
        return Check(name="fixes_the_error", passed=False, evidence=f"{why}: nothing shows the fix works")
    after = box.run(command, timeout=timeout)
    failed_before = not before.ok and not before.timed_out
    passed = failed_before and after.ok
    verdict = "fails before and passes after" if passed else "does not fail before and pass after"
    evidence = f"{proof} {verdict}.\nbefore: {_summary(before)}\nafter: {_summary(after)}"
    return Check(name="fixes_the_error", passed=passed, evidence=evidence)


def _touches_dependencies(ctx: Context, view: DiffView) -> bool:
    """The patch changes a file the sandbox's prepared environment is built from."""
    patterns = ctx.settings.sandbox.dependency_files
    return any(fnmatch.fnmatchcase(path, pattern) for path in view.paths for pattern in patterns)


def _suite(box: Sandbox, repo: RepoConfig, outcome: SandboxOutcome, note: str = "") -> None:
    suite = box.run(repo.test, timeout=repo.gate.test_timeout_s)
    outcome.checks.append(Check(name="test_suite", passed=suite.ok, evidence=note + _summary(suite)))


def _patched(diff: str, before: dict[str, str | None]) -> dict[str, str | None]:
    """The touched files after the patch, computed on the host from the diff — never read back from a
    sandbox where the patch's own code has run and could have rewritten them."""
    try:
        return apply_to_files(diff, lambda path: before.get(path) or "")
    except PermanentError:
        return {}  # the sandbox's "applies" check reports why


def run_sandboxed(ctx: Context, repo: RepoConfig, job: Job, view: DiffView) -> SandboxOutcome:
    """Apply ``job.patch`` to its base commit in a fresh sandbox and run the checks there.

    A patch that changes dependency files is then tested in a second sandbox whose environment was
    prepared from the patched files, so the suite runs against what the patch installs.
    """
    assert job.patch is not None
    outcome = SandboxOutcome()
    timeout = repo.gate.test_timeout_s
    reprepare = _touches_dependencies(ctx, view)
    with open_sandbox(ctx, repo, job.patch.base_commit) as box:
        outcome.before = {path: _read(box, path) for path in sorted(view.paths)}
        outcome.after = _patched(job.patch.diff, outcome.before)
        try:
            if "fixes_the_error" in kind_of(job.item.kind).checks:
                outcome.checks.append(_regression(box, repo, job, view, timeout))
            else:
                box.apply(job.patch.diff)
        except PermanentError as exc:
            outcome.checks.append(Check(name="applies", passed=False, evidence=str(exc)[-_TAIL:]))
            return outcome
        outcome.checks.insert(
            0, Check(name="applies", passed=True, evidence=f"applies to {job.patch.base_commit[:12]}")
        )
        if not reprepare:
            _suite(box, repo, outcome)
            return outcome
    try:
        with open_sandbox(ctx, repo, job.patch.base_commit, patch=job.patch.diff) as box:
            _suite(box, repo, outcome, note="(environment prepared from the patched dependency files)\n")
    except PermanentError as exc:  # the repo's setup fails on the patched dependency files
        outcome.checks.append(Check(name="prepares", passed=False, evidence=str(exc)[-_TAIL:]))
    return outcome
