"""``fixes_the_error``: something independent of the patch fails before it and passes after it.

The proof, in order of preference:

1. the investigation's regression test (the production call replayed), written by the gate itself —
   whatever the patch does to that file;
2. the investigation's reproduction: the related tests it ran (their base versions), or its command;
3. only without either, the tests the patch adds or changes — and then they must fail before with the
   production error's exception type, not with anything else a trivial test could provoke.

Before and after are separate runs in fresh sandboxes: before holds the base commit plus the proof
(and only the patch's test files, when the proof is the patch's), after holds the whole patch with the
proof on top. A proof that is a plain test file (the investigation's always is) is also replayed
without pytest, so code that checks whether it runs under pytest behaves as in production.
"""

from __future__ import annotations

import ast
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from agentfleet.analysis import is_test_file
from agentfleet.contracts import Check, Job
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.hollow import hollow_tests
from agentfleet.flow.gate.patchset import PatchSet
from agentfleet.flow.gate.pytest_report import Request, RunReport, import_mode, pytest_args
from agentfleet.flow.gate.runs import Run

__all__ = ["Proof", "judge_proof", "plan_proof"]

NAME = "fixes_the_error"


@dataclass(frozen=True)
class Proof:
    """What shows the fix works, and the runs that show it."""

    label: str
    runs: tuple[Run, ...]
    from_patch: bool = False
    """The proof is the patch's own tests: they must fail before with the production exception."""
    hollow: Mapping[str, str] = field(default_factory=dict)
    """The patch's tests that prove nothing production runs (``hollow``): test id → why."""


def _is_plain(text: str | None) -> bool:
    """A test file a plain interpreter can run: no pytest import, some argument-less ``test*`` function."""
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return False
    imports = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imports |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test")]
    return not imports & {"pytest", "_pytest"} and any(not (t.args.args or t.args.kwonlyargs) for t in tests)


_MOST_IDS = 200
"""Most test ids named on the after run's command line; beyond it the proof's files are run whole."""


def _failing_ids(files: tuple[str, ...], options: list[str]) -> Callable[[RunReport], Request | None]:
    """The after run for a before run: exactly the tests that failed before, so a test that only passes
    after some other test ran (order, shared state) does not pass."""

    def refine(before: RunReport) -> Request | None:
        failed = sorted(t for t in before.failing if "::" in t)
        if not failed:
            return None
        return Request("pytest", pytest_args(failed if len(failed) <= _MOST_IDS else files, addopts=options))

    return refine


@dataclass(frozen=True)
class _Plan:
    """What the proof's runs hold: the proof's files, the patch's paths before and after, the gate's files."""

    files: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]
    extra: Mapping[str, str]
    replay: str | None
    options: list[str]


def _runs(plan: _Plan) -> tuple[Run, ...]:
    files, before, after, extra, replay = plan.files, plan.before, plan.after, plan.extra, plan.replay
    request = Request("pytest", pytest_args(files, addopts=plan.options))
    runs = [
        Run("proof before", request, before, extra),
        Run("proof after", request, after, extra, depends="proof before", refine=_failing_ids(files, plan.options)),
    ]
    if replay is not None:
        plain = Request("replay", file=replay)
        runs += [Run("replay before", plain, before, extra), Run("replay after", plain, after, extra)]
    return tuple(runs)


def _reproduction_paths(command: str, repo: RepoConfig) -> tuple[str, ...]:
    """The test paths of an investigation command ``<repo.test> <paths>``; empty when it is something else."""
    if not command.startswith(repo.test + " "):
        return ()
    return tuple(t for t in shlex.split(command[len(repo.test) :]) if not t.startswith("-"))


def plan_proof(job: Job, repo: RepoConfig, patchset: PatchSet, addopts: list[str]) -> Proof | None:
    """The proof for ``job``'s patch, or ``None`` when nothing could show the fix works (``addopts``: the base
    commit's; a proof run keeps only how tests are imported)."""
    changed = tuple(sorted(patchset.files))
    report = job.report
    options = import_mode(addopts)
    if report is not None and report.regression_test is not None:
        test = report.regression_test
        extra = {test.path: test.content}
        after = tuple(p for p in changed if p != test.path)
        plan = _Plan((test.path,), (), after, extra, test.path, options)
        return Proof("the investigation's regression test", _runs(plan))
    reproduction = report.reproduction if report is not None else None
    if reproduction is not None and reproduction.reproduced and reproduction.command:
        files = _reproduction_paths(reproduction.command, repo)
        label = "the investigation's reproduction"
        if files:
            after = tuple(p for p in changed if p not in files)
            return Proof(label, _runs(_Plan(files, (), after, {}, None, options)))
        command = Request("command", command=reproduction.command)
        return Proof(label, (Run("proof before", command), Run("proof after", command, changed)))
    tests = tuple(p for p in changed if is_test_file(p) and p.endswith(".py"))
    added = tuple(p for p in tests if patchset.files[p].after is not None)
    if not added:
        return None
    replay = next((p for p in added if _is_plain(patchset.files[p].after)), None)
    plan = _Plan(added, tests, changed, {}, replay, options)
    error = getattr(job.item, "error", None)
    hollow = hollow_tests(patchset, added, _bare(error.exception_type) if error is not None else "")
    return Proof("the regression test(s) the patch adds", _runs(plan), from_patch=True, hollow=hollow)


def _bare(name: str | None) -> str:
    return (name or "").rsplit(".", 1)[-1]


def _pytest_verdict(
    proof: Proof, before: RunReport, after: RunReport, exception: str, flaky: frozenset[str]
) -> str | None:
    """Why the pytest proof does not hold, or ``None`` when it does (``flaky``: tests the base commit's suite runs saw
    pass, whose failure before shows nothing)."""
    failed = {t for t in before.failing if "::" in t}
    if shaky := sorted(failed & flaky):
        return f"{shaky[0]} is flaky at the base commit (its suite runs there saw it pass): its failure is no evidence"
    if proof.from_patch and exception:
        failed = {t for t in failed if _bare(before.tests[t].raised) == exception}
        if not failed and before.failing:
            return f"its tests fail before, but not with the production error {exception}: they prove something else"
    hollow = {t: why for t in failed if (why := proof.hollow.get(t.partition("[")[0]))}
    failed -= set(hollow)
    if not failed and hollow:
        test, why = min(hollow.items())
        return f"{test} proves nothing production runs: {why}"
    if not failed:
        return "no test of it fails before the fix" + (" (some do not even collect)" if before.failing else "")
    if not after.complete:
        return f"its run after the fix is not complete: {after.problem}"
    broken = sorted(t for t in failed if (r := after.tests.get(t)) is None or r.outcome != "passed")
    if broken:
        outcome = after.tests.get(broken[0])
        return f"{broken[0]} is {outcome.outcome if outcome else 'missing'} after the fix"
    return None


def _replay_verdict(before: RunReport, after: RunReport, exception: str) -> tuple[str | None, str]:
    """(why the plain replay contradicts the fix or ``None``, a line of evidence)."""
    raised = {name: exc for name, exc in before.calls.items() if exc and (not exception or _bare(exc) == exception)}
    if not before.complete or not raised:
        return None, f"plain replay (no pytest): inconclusive before the fix ({before.problem or before.calls})"
    if not after.complete:
        return f"the plain replay (no pytest) did not complete after the fix: {after.problem}", ""
    still = {name: exc for name, exc in after.calls.items() if exc}
    if still:
        name, exc = next(iter(still.items()))
        return f"the plain replay (no pytest) still raises {exc} in {name} after the fix", ""
    return None, f"plain replay (no pytest): raised {sorted(set(raised.values()))} before, nothing after"


def judge_proof(
    proof: Proof | None, runs: Mapping[str, RunReport], job: Job, flaky: frozenset[str] = frozenset()
) -> Check:
    """The ``fixes_the_error`` check from the proof's runs (``flaky``: tests the base commit's suite runs saw pass,
    whose failure before is no evidence)."""
    if proof is None:
        missing = "the patch adds no regression test and the investigation did not reproduce the error"
        return Check(name=NAME, passed=False, evidence=f"{missing}: nothing shows the fix works")
    why: str | None
    before, after = runs["proof before"], runs["proof after"]
    error = getattr(job.item, "error", None)
    exception = _bare(error.exception_type) if error is not None else ""
    if before.mode == "command":
        fails = before.complete and before.exit_code not in (0, None)
        why = None if fails and after.complete and after.exit_code == 0 else "judged by the command's exit status"
    elif not before.complete:
        why = f"its run before the fix is not complete: {before.problem}"
    else:
        why = _pytest_verdict(proof, before, after, exception, flaky)
    replay = ""
    if why is None and "replay before" in runs:
        why, replay = _replay_verdict(runs["replay before"], runs["replay after"], exception)
    verdict = "fails before and passes after" if why is None else f"does not fail before and pass after: {why}"
    lines = [f"{proof.label} {verdict}.", f"before: {before.command}: {before.summary()}"]
    lines += [f"after: {after.command}: {after.summary()}", *([replay] if replay else [])]
    if why is not None and after.output:
        lines.append(after.output)
    return Check(name=NAME, passed=why is None, evidence="\n".join(lines))
