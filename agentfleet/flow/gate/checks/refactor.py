"""``refactor``'s own gate checks read statically (the sandbox ones are in ``refactor_run``), and its gate.

- ``refactor_only``: the patch changes Python source files, no test, no new or deleted file;
- ``metric_improves``: the rule's metric, recomputed by the gate from the base file and the patched one,
  measurably improves (the other rules the function crossed are shown too), and no function the patch adds or
  changes measures as badly as the target did (the debt moved into a helper is not paid);
- ``api_unchanged``: no public name added, removed or re-signed in the touched files (griffe, static);
- ``decide``: the shared gate, and phase 4 only for a patch that ruff's safe fixes alone produce (the gate
  re-runs them on the base file and compares; it does not trust the patch's author field).

The suite run (``test_suite``) is the shared gate's; differential tests and covered lines are ``refactor_run``.
"""

from __future__ import annotations

from agentfleet.analysis import effects, is_test_file, reach, wrappers
from agentfleet.analysis.constants import compared_constants
from agentfleet.analysis.functions import functions_in
from agentfleet.contracts import Check, GateDecision, Job, Refactor, TrustPhase, Verdict
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.fixers.refactor.ruff_fixes import safe_fixes
from agentfleet.flow.gate import stage
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.patchset import PatchSet
from agentfleet.flow.gate.risk import api_changes
from agentfleet.flow.gate.trust import phase_for
from agentfleet.flow.monitors.quality.metric import better, metric_of
from agentfleet.sandboxes.factory import repo_mirror

__all__ = ["api_unchanged", "decide", "metric_improves", "no_new_effects", "refactor_only"]

_PER_FUNCTION = frozenset({"complexity", "nesting", "length", "ruff"})
"""Rules measured per function: a helper the patch adds must not carry the target's figure."""


def _item(job: Job) -> Refactor:
    assert isinstance(job.item, Refactor), f"refactor checks got {job.item.kind} work"
    return job.item


def refactor_only(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """The patch changes Python source files only: no test file, nothing added or deleted."""
    problems = [f"not Python source: {p}" for p in sorted(view.paths) if not p.endswith(".py")]
    problems += [f"a test file: {p}" for p in sorted(view.paths) if is_test_file(p)]
    problems += [f"deletes {f.path}" for f in view.files if f.deleted]
    problems += [f"adds {f.path}" for f in view.files if f.created]
    evidence = "; ".join(problems) or f"{len(view.paths)} source file(s) changed in place, no test touched"
    return [Check(name="refactor_only", passed=not problems, evidence=evidence)]


def metric_improves(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """The metric that triggered the work, recomputed by the gate, improves; the other crossed rules are shown."""
    item, conf = _item(job), repo.quality
    before, after = view.before, view.after
    old, new = before.get(item.path) or "", after.get(item.path) or ""
    figures = {
        r: (metric_of(r, old, item.path, item.function, conf), metric_of(r, new, item.path, item.function, conf))
        for r in dict.fromkeys((item.rule, *item.rules))
    }
    a, b = figures[item.rule]
    limit = conf.limit(item.rule)
    lines = [
        f"{item.rule} of {item.path}::{item.function}: {a:g} → {b:g} (threshold {limit:g})"
        if a is not None and b is not None
        else f"{item.rule} of {item.function}: cannot be measured ({a} → {b})"
    ]
    lines += [
        f"{r}: {x:g} → {y:g}" for r, (x, y) in figures.items() if r != item.rule and x is not None and y is not None
    ]
    moved = _moved(item, repo, old, new, a)
    lines += [
        f"moved, not reduced: {where} measures {value:g} (was {a:g} in {item.function})" for where, value in moved
    ]
    return [Check(name="metric_improves", passed=better(item.rule, a, b) and not moved, evidence="\n".join(lines))]


def no_new_effects(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """The refactored code changes no state, calls nothing outside itself, wraps no definition in a decorator or
    a rebinding and compares with no value that the base code did not (a branch for an input no test passes)."""
    problems = []
    for path in sorted(p for p in view.paths if p.endswith(".py") and view.after.get(p) is not None):
        old, new = view.before.get(path), view.after.get(path)
        problems += [f"{path}: changes state it did not (`{e}`)" for e in sorted(effects(new) - effects(old))]
        problems += [f"{path}: calls what it did not (`{name}`)" for name in sorted(reach(new) - reach(old))]
        problems += [f"{path}: wraps what it did not (`{w}`)" for w in sorted(wrappers(new) - wrappers(old))]
        decided = compared_constants(new) - compared_constants(old)
        problems += [f"{path}: decides on a value it did not (`{v}`)" for v in sorted(decided)]
    evidence = "; ".join(problems) or "no new state changed, nothing new called or wrapped outside the code"
    return [Check(name="no_new_effects", passed=not problems, evidence=evidence)]


def _moved(item: Refactor, repo: RepoConfig, old: str, new: str, base: float | None) -> list[tuple[str, float]]:
    """The functions the patch adds or changes, other than the target, whose metric is no better than the
    target's was: the debt moved into a helper (``shipping`` → ``return _shipping(...)``), not paid."""
    if item.rule not in _PER_FUNCTION or base is None:
        return []
    try:
        before = {(f.qualname, f.source_hash) for f in functions_in(old)}  # a getter and setter share a name
        after = functions_in(new)
    except SyntaxError:  # the metric itself already failed on a file that does not parse
        return []
    touched = [f.qualname for f in after if f.qualname != item.function and (f.qualname, f.source_hash) not in before]
    measured = [(name, metric_of(item.rule, new, item.path, name, repo.quality)) for name in touched]
    return [(f"{item.path}::{name}", v) for name, v in measured if v is not None and not better(item.rule, base, v)]


def api_unchanged(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """No public name added, removed or re-signed in the touched modules (griffe reads both sides statically)."""
    before, after = view.before, view.after
    changes = api_changes(before, after)
    evidence = "; ".join(changes[:20]) or f"public API of {len(before)} file(s) unchanged (griffe)"
    return [Check(name="api_unchanged", passed=not changes, evidence=evidence)]


def _ruff_only(ctx: Context, repo: RepoConfig, job: Job) -> bool:
    """The patched file is exactly what ruff's safe fixes make of the base file inside the function."""
    item, patch = _item(job), job.patch
    if patch is None:
        return False
    mirror = repo_mirror(ctx, repo)
    try:
        patchset = PatchSet.apply(mirror.path, mirror.resolve(patch.base_commit), patch.diff, repo.gate.max_file_bytes)
        before, after = patchset.before, patchset.after
        if set(patchset.files) != {item.path} or patchset.unreadable:
            return False
        fixed, _ = safe_fixes(
            before.get(item.path) or "", item.path, item.function, repo.quality.rules, repo.quality.target_version
        )
    except (PermanentError, SyntaxError):
        return False
    return fixed == after.get(item.path)


def decide(job: Job, ctx: Context, repo: RepoConfig) -> GateDecision:
    """The shared gate with the refactor checks; low-risk (auto-merge at phase 4) only for a refactor ruff's safe
    fixes alone make."""
    decision = stage.decide(job, ctx, repo)
    if not decision.low_risk or _ruff_only(ctx, repo, job):
        return decision
    if decision.verdict is not Verdict.AUTO_MERGE:  # below phase 4 the verdict stands; the flag must not mislead
        return decision.model_copy(update={"low_risk": False})
    assert phase_for(job.item, repo) is TrustPhase.AUTO_MERGE
    merged, opened = f"→ {Verdict.AUTO_MERGE.value}", f"→ {Verdict.PR.value}"
    reasons = [r.replace(merged, opened) if r.startswith("trust phase") else r for r in decision.reasons]
    reasons.append("not low-risk: more than ruff's safe fixes (codemods or extraction): a human reviews")
    return decision.model_copy(update={"verdict": Verdict.PR, "low_risk": False, "reasons": tuple(reasons)})
