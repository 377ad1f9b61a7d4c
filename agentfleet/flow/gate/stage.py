"""The gate stage: re-verify a patch itself and decide where it may go.

1. git applies the patch to the base commit host-side (``patchset``): the texts before and after,
   exactly as delivery will apply it.
2. Checks on those texts, before any sandbox: readable changes, limits, forbidden paths, runner
   configuration, secrets, the review (weakened tests, swallowed exceptions, special cases, suspicious
   constructs) and ruff on the added lines.
3. Test runs, each in a fresh sandbox from the base commit plus the part of the patch it needs
   (``runs``): the suite before and after (``suite``) and, for kinds with a proof, the proof before and
   after and its plain replay (``proof``). Outcomes come test by test from the gate's own recorder
   (``pytest_report``), never from an exit code.
4. The kind's own checks, then the trust phase.

Every check lands in the ``GateDecision`` with its evidence; any failure rejects.
"""

from __future__ import annotations

import fnmatch
import logging

from agentfleet.analysis import Literal, literals_in_tests
from agentfleet.contracts import Check, GateDecision, Job, TrustPhase, Verdict
from agentfleet.core.context import Context
from agentfleet.core.diffs import parse_diff
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.gate.checks import FOR_A_READER, kind_checks
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.flaky import flakiness, suite_reruns
from agentfleet.flow.gate.imported import imported_sources
from agentfleet.flow.gate.patchset import PatchSet
from agentfleet.flow.gate.proof import judge_proof, plan_proof
from agentfleet.flow.gate.pytest_report import repo_addopts
from agentfleet.flow.gate.review import Review, review_files, ruff_changed_lines
from agentfleet.flow.gate.risk import api_changes, behaviour_risks
from agentfleet.flow.gate.runs import PREPARE_FAILED, run_all
from agentfleet.flow.gate.security_risk import security_risks
from agentfleet.flow.gate.sensitive import ci_paths, forbidden_paths, runner_config, runner_config_changes
from agentfleet.flow.gate.static import diff_limits, hidden_text, no_secrets, readable
from agentfleet.flow.gate.suite import judge_suite, suite_runs
from agentfleet.flow.gate.trust import phase_for, verdict_for
from agentfleet.flow.kinds import Kind, kind_of
from agentfleet.sandboxes.factory import sandbox_dir
from agentfleet.sandboxes.mirror import Mirror

__all__ = ["decide", "verify"]

log = logging.getLogger(__name__)


def _reject(checks: list[Check], *extra: str) -> GateDecision:
    failed = [f"{c.name}: {c.headline or 'failed'}" for c in checks if not c.passed]
    return GateDecision(verdict=Verdict.REJECT, checks=tuple(checks), reasons=(*failed, *extra))


def _parsed_paths(diff: str) -> set[str]:
    """Paths the diff names by its own headers (``PermanentError`` when it is not a unified diff)."""
    paths: set[str] = set()
    for patched in parse_diff(diff):
        paths.add(patched.path)
        if not patched.is_added_file:
            paths.add(patched.source_file.removeprefix("a/"))
    return paths


def _unreadable(patchset: PatchSet, parsed: set[str], review: Review) -> list[str]:
    found = [*patchset.unreadable, *review.unreadable, *hidden_text(patchset.before, patchset.after)]
    if parsed != set(patchset.files):
        differ = sorted(parsed ^ set(patchset.files))[:5]
        found.append(f"the diff's headers and git disagree on which files change ({', '.join(differ)})")
    return found


def _test_literals(job: Job, patchset: PatchSet) -> frozenset[Literal]:
    """Every literal the repository's tests use, the investigation's regression test included."""
    extra = [job.report.regression_test.content] if job.report and job.report.regression_test else []
    return literals_in_tests([*patchset.test_sources(), *extra])


def _text_checks(
    job: Job, ctx: Context, repo: RepoConfig, patchset: PatchSet, parsed: set[str]
) -> tuple[list[Check], list[str]]:
    """The checks on the patch's texts, and why the patch may not be low-risk."""
    kind, phase = kind_of(job.item.kind), int(phase_for(job.item, repo))
    before, after = patchset.before, patchset.after
    view = DiffView.of(before, after)
    conf = repo.gate
    error = getattr(job.item, "error", None)
    production = error.exception_type if error is not None else None
    literals = _test_literals(job, patchset)
    imported = imported_sources(patchset)
    review = review_files(
        view, before, after, literals, phase=phase, conf=conf, production_error=production, imported=imported
    )
    changes = {path: (change.before, change.after) for path, change in patchset.files.items()}
    runner = runner_config_changes(changes, conf, review.runner, patchset.modules())
    checks = [
        readable(_unreadable(patchset, parsed, review)),
        diff_limits(view, conf),
        forbidden_paths(view.paths, conf, kind, ctx.settings.sandbox.dependency_files),
        runner_config(runner, kind),
        no_secrets(view),
        Check(name="applies", passed=True, evidence=f"git applies it to {patchset.base[:12]}"),
        *review.checks,
        ruff_changed_lines(view, after, conf.ruff_select),
    ]
    never_low = [f"changes how tests run: {line}" for line in runner]
    never_low += [f"changes CI configuration: {path}" for path in ci_paths(view.paths, conf)]
    never_low += [f"suspicious: {line}" for line in review.flagged]
    never_low += behaviour_risks(before, after, imported)
    never_low += security_risks(view)
    return checks, never_low


def _sandbox_checks(job: Job, ctx: Context, repo: RepoConfig, patchset: PatchSet, kind: Kind) -> list[Check]:
    """The test runs and what they show; a kind that needs a proof and has none runs nothing."""
    changed = tuple(sorted(patchset.files))
    addopts = repo_addopts(patchset.base_text)
    proving = "fixes_the_error" in kind.checks
    proof = plan_proof(job, repo, patchset, addopts) if proving else None
    if proving and proof is None:
        return [judge_proof(None, {}, job)]
    suite = suite_runs(repo, changed, addopts, kind.kind)
    results = run_all(ctx, repo, patchset, [*suite, *(proof.runs if proof else ())])
    if reruns := suite_reruns(results, suite, changed, repo):
        results |= run_all(ctx, repo, patchset, reruns)
    flaky = flakiness(results, changed)
    checks = [judge_proof(proof, results, job, flaky.passed_at_base)] if proving else []
    patterns = ctx.settings.sandbox.dependency_files
    reprepared = any(fnmatch.fnmatchcase(path, pattern) for path in changed for pattern in patterns)
    note = "(environment prepared from the patched dependency files)" if reprepared else ""
    checks += judge_suite(results, repo, kind.kind, note, flaky)
    failed = [r.problem for r in results.values() if r.problem and r.problem.startswith(PREPARE_FAILED)]
    if failed:
        checks.append(Check(name="prepares", passed=False, evidence=str(failed[0])))
    return checks


def decide(job: Job, ctx: Context, repo: RepoConfig) -> GateDecision:
    """The gate's decision on ``job.patch`` for ``repo``."""
    patch = job.patch
    if patch is None:
        why = job.no_fix.reason if job.no_fix else "no patch was produced"
        return GateDecision(verdict=Verdict.REJECT, reasons=(f"nothing to verify: {why}",))
    if patch.is_empty:
        return _reject([Check(name="changes_something", passed=False, evidence="the patch changes nothing")])
    try:
        parsed = _parsed_paths(patch.diff)
    except PermanentError as exc:
        return _reject([Check(name="parses", passed=False, evidence=str(exc))])
    mirror = Mirror.of(sandbox_dir(ctx.settings.data_dir), repo)
    try:
        patchset = PatchSet.apply(mirror.path, mirror.resolve(patch.base_commit), patch.diff, repo.gate.max_file_bytes)
    except PermanentError as exc:
        return _reject([Check(name="applies", passed=False, evidence=str(exc)[-1500:])])
    kind = kind_of(job.item.kind)
    view = DiffView.of(patchset.before, patchset.after)
    checks, never_low = _text_checks(job, ctx, repo, patchset, parsed)
    if all(c.passed for c in checks):
        checks += kind_checks(kind.checks, job, ctx, repo, view, on_texts=True)
    if not all(c.passed for c in checks):
        return _reject(checks, "sandbox checks not run: the checks on the patch's text failed")
    checks += _sandbox_checks(job, ctx, repo, patchset, kind)
    if all(c.passed for c in checks):
        checks += kind_checks(kind.checks, job, ctx, repo, view)
    if not all(c.passed for c in checks):
        return _reject(checks)
    return _passing(job, repo, patchset, checks, never_low)


def _passing(job: Job, repo: RepoConfig, patchset: PatchSet, checks: list[Check], never_low: list[str]) -> GateDecision:
    view = DiffView.of(patchset.before, patchset.after)
    low, risks = kind_of(job.item.kind).part("low_risk")(view, repo.gate, api_changes(patchset.before, patchset.after))
    never_low = [*never_low, *(line.removeprefix(FOR_A_READER) for line in _for_a_reader(checks))]
    low = low and not never_low
    risks = [*risks, *never_low]
    phase = phase_for(job.item, repo)
    verdict = verdict_for(phase, low_risk=low)
    reasons = [f"all {len(checks)} checks passed", f"trust phase {int(phase)} ({phase.name.lower()}) → {verdict.value}"]
    reasons += [f"not low-risk: {line}" for line in risks] if phase is TrustPhase.AUTO_MERGE else []
    reasons += [f"flagged for the reviewer: {line}" for line in never_low if line.startswith("suspicious")]
    return GateDecision(verdict=verdict, checks=tuple(checks), reasons=tuple(reasons), low_risk=low)


def _for_a_reader(checks: list[Check]) -> list[str]:
    """What passing checks left for a human to read (their ``FOR_A_READER`` evidence lines)."""
    return [line for c in checks if c.passed for line in c.evidence.splitlines() if line.startswith(FOR_A_READER)]


def verify(job: Job, ctx: Context) -> Job:
    """The job with the gate's ``decision``, by its kind's gate procedure (the work-kind table's ``gate``)."""
    item = job.item
    decision: GateDecision = kind_of(item.kind).part("gate")(job, ctx, ctx.repo(item.repo))
    log.info("gate repo=%s key=%s verdict=%s", item.repo, job.key, decision.verdict.value)
    return job.model_copy(update={"decision": decision})
