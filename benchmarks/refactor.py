"""Continuous refactoring on the corpus: quality monitor → refactor fixer → gate → hidden tests, per flagged place.

    python benchmarks/refactor.py [--only MODULE ...] [--no-gate] [--backend bwrap] [--json OUT] [--data DIR]
                                  [--differential require|every_line|prefer] [--fleet FLEET.toml [--patches DIR]]

The corpus (benchmarks/refactor_corpus) becomes a real git repo: its modules and its own tests. The quality
monitor audits it (``mode = "worst"``, every place); each finding goes through the refactor fixer and the gate
as the pipeline runs them. Every patch (approved or not) then meets the hidden tests, which compare the
refactored module with the original on inputs the fixer and the gate never saw.

Figures: places flagged; the share refactored (the fixer made a patch) and approved (the gate passed it);
the mean drop of the flagged metric and of the function's complexity over approved items; behaviour changes
the hidden tests find in approved patches (must be 0) and in patches the gate refused; seconds per item (fix +
gate), p50 and p95; ``unpinned_approved``: approved items with changed lines the suite runs but no differential
test does (what ``differential = "every_line"`` would refuse). ``--no-gate`` runs the fixer alone (seconds, no
sandbox). Figures go to docs/refactoring.md
and docs/performance.md ("Continuous refactoring").

With ``--fleet``, the repos of that fleet file are audited instead, as their own ``[repos.quality]`` says (real
repositories: docs/refactoring.md, "Real repositories"; ``--only`` names repos of it): each item's verdict and
seconds are printed, and every patch is written to ``--patches`` to run the library's whole suite on.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from agentfleet.contracts import Job, Refactor
from agentfleet.core.context import Context
from agentfleet.core.diffs import apply_to_files
from agentfleet.core.git import commit_all
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.refactor.fixer import refactor_text
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify
from agentfleet.flow.monitors.quality.metric import better, metric_of
from agentfleet.flow.monitors.run import run_monitor

CORPUS = Path(__file__).resolve().parent / "refactor_corpus"
QUALITY = """mode = "worst"
max_items_per_run = 100
max_complexity = 6
max_nesting = 3
max_function_lines = 40
min_duplicate_lines = 6
"""


@dataclass
class Item:
    """One flagged place's way through fix, gate and the hidden tests."""

    path: str
    function: str
    rule: str
    before: float
    after: float
    complexity_before: float
    complexity_after: float
    patched: bool
    approved: bool
    changed_behaviour: bool
    fixer: str
    seconds: float
    why: str
    unpinned: bool = False
    """The gate listed changed lines no differential test runs (``every_line`` refuses such a patch)."""


def make_repo(work: Path) -> Path:
    """The corpus project (modules and its own tests, not the hidden ones) as a git repo."""
    path = work / "corpus-project"
    shutil.copytree(CORPUS / "corpus", path / "corpus")
    shutil.copytree(CORPUS / "tests", path / "tests")
    commit_all(path, "corpus")
    return path


def hidden_tests_pass(work: Path, module: str, patched: str) -> bool:
    """The hidden tests on the corpus with ``module`` replaced by ``patched``, the original as ``reference``."""
    run = work / "hidden-run"
    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(CORPUS / "corpus", run / "corpus")
    shutil.copytree(CORPUS / "corpus", run / "reference")
    shutil.copy(CORPUS / "hidden" / "test_hidden.py", run)
    (run / module).write_text(patched)
    argv = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "test_hidden.py"]
    done = subprocess.run(argv, cwd=run, capture_output=True, text=True, timeout=300, check=False)
    return done.returncode == 0


def _measured(ctx: Context, job: Job, work: Path, seconds: float) -> Item:
    item = job.item
    assert isinstance(item, Refactor)
    conf = ctx.repo(item.repo).quality
    base = (CORPUS / item.path).read_text()
    after = apply_to_files(job.patch.diff, lambda _: base)[item.path] or base if job.patch else base
    approved = job.decision is not None and job.decision.passed
    why = job.no_fix.reason if job.no_fix else "; ".join(job.decision.reasons) if job.decision else ""
    checks = job.decision.checks if job.decision else ()
    unpinned = any(c.name == "differential_tests" and "no differential test runs " in c.evidence for c in checks)
    return Item(
        path=item.path,
        function=item.function,
        rule=item.rule,
        before=metric_of(item.rule, base, item.path, item.function, conf) or 0.0,
        after=metric_of(item.rule, after, item.path, item.function, conf) or 0.0,
        complexity_before=metric_of("complexity", base, item.path, item.function, conf) or 0.0,
        complexity_after=metric_of("complexity", after, item.path, item.function, conf) or 0.0,
        patched=job.patch is not None,
        approved=approved,
        changed_behaviour=job.patch is not None and not hidden_tests_pass(work, item.path, after),
        fixer=job.patch.author if job.patch else "-",
        seconds=round(seconds, 1),
        why=why.splitlines()[0][:150] if why else "",
        unpinned=unpinned,
    )


def run_items(ctx: Context, work: Path, gate: bool, only: list[str] | None) -> list[Item]:
    """Audit the corpus, then take each finding through fix (and gate)."""
    _, triaged = run_monitor(ctx, "corpus", "quality", run_id="bench-refactor")
    items = []
    for job in triaged.jobs:
        item = job.item
        assert isinstance(item, Refactor)
        if only and Path(item.path).stem not in only:
            continue
        started = time.monotonic()
        job = verify(fix(job, ctx), ctx) if gate else _offline(ctx, job)
        found = _measured(ctx, job, work, time.monotonic() - started)
        items.append(found)
        verdict = "approved" if found.approved else "patch" if found.patched else "no patch"
        print(
            f"  {found.path}::{found.function:<22} {found.rule:<12} {found.before:g} → {found.after:g} {verdict:<9}"
            f"{' BEHAVIOUR CHANGED' if found.changed_behaviour else ''}{' unpinned' if found.unpinned else ''} "
            f"{found.seconds:.1f}s "
            f"{'' if found.approved else found.why}",
            flush=True,
        )
    return items


def run_fleet(ctx: Context, names: list[str] | None, patches: Path | None) -> None:
    """Audit each fleet repo and take every finding through fix and gate, saving the patches."""
    for repo in [ctx.repo(n) for n in names] if names else ctx.repos():
        _, triaged = run_monitor(ctx, repo.name, "quality", run_id=f"bench-{repo.name}")
        for n, job in enumerate(triaged.jobs):
            item = job.item
            assert isinstance(item, Refactor)
            started = time.monotonic()
            job = verify(fix(job, ctx), ctx)
            approved = job.decision is not None and job.decision.passed
            checks = job.decision.checks if job.decision else ()
            refused = "; ".join(f"{c.name}: " + " | ".join(c.evidence.splitlines()) for c in checks if not c.passed)
            reasons = "; ".join(job.decision.reasons) if job.decision else ""
            why = job.no_fix.reason if job.no_fix else refused or reasons
            verdict = "approved" if approved else "patch" if job.patch else "no patch"
            print(
                f"  {repo.name} {item.path}::{item.function} {item.rule} {verdict} {time.monotonic() - started:.0f}s",
                end="",
            )
            print("" if approved else f" {why[:400]}", flush=True)
            if patches and job.patch:
                patches.mkdir(parents=True, exist_ok=True)
                (patches / f"{repo.name}-{n}.diff").write_text(job.patch.diff)


def _offline(ctx: Context, job: Job) -> Job:
    """The fixer's rewrite without sandbox, suite or gate (the approved figures are then the fixer's own)."""
    from agentfleet.contracts import Check, GateDecision, Patch, Verdict
    from agentfleet.core.diffs import unified_diff

    item = job.item
    assert isinstance(item, Refactor)
    text = (CORPUS / item.path).read_text()
    attempt = refactor_text(item, text, ctx.repo(item.repo).quality)
    if not better(item.rule, attempt.metric_before, attempt.metric_after):
        return job
    patch = Patch(base_commit=item.base_commit, diff=unified_diff(item.path, text, attempt.text), author="refactor")
    decision = GateDecision(verdict=Verdict.REPORT, checks=(Check(name="offline", passed=True),))
    return job.model_copy(update={"patch": patch, "decision": decision})


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def summary(items: list[Item]) -> dict[str, float]:
    """The benchmark's figures."""
    n = len(items) or 1
    approved = [i for i in items if i.approved]
    seconds = [i.seconds for i in items] or [0.0]
    return {
        "places_flagged": len(items),
        "share_refactored": round(sum(i.patched for i in items) / n, 3),
        "share_approved": round(len(approved) / n, 3),
        "mean_metric_drop_approved": round(statistics.mean([abs(i.before - i.after) for i in approved] or [0]), 2),
        "mean_complexity_drop_approved": round(
            statistics.mean([i.complexity_before - i.complexity_after for i in approved] or [0]), 2
        ),
        "unpinned_approved": sum(i.unpinned for i in approved),
        "behaviour_changes_approved": sum(i.changed_behaviour for i in approved),
        "behaviour_changes_refused": sum(i.changed_behaviour for i in items if i.patched and not i.approved),
        "seconds_p50": percentile(seconds, 0.5),
        "seconds_p95": percentile(seconds, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="corpus modules (file stems: shipping users), or fleet repos")
    parser.add_argument("--no-gate", action="store_true", help="the fixer alone: no sandbox, suite or gate")
    parser.add_argument("--backend", default="bwrap", choices=["bwrap", "docker"])
    parser.add_argument("--json", type=Path, help="write every item and the figures here")
    parser.add_argument("--data", type=Path, default=Path("/tmp/aft-bench-data"), help="sandbox data (kept)")
    parser.add_argument(
        "--differential",
        choices=["require", "every_line", "prefer"],
        help="[repos.quality] differential (default: its default)",
    )
    parser.add_argument("--fleet", type=Path, help="audit this fleet file's repos instead of the corpus")
    parser.add_argument("--patches", type=Path, help="with --fleet: write every patch here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aft-refactor-", dir="/tmp") as tmp:
        work = Path(tmp)
        fleet = args.fleet.resolve() if args.fleet else work / "fleet.toml"
        if not args.fleet:
            fleet.write_text(
                f'[[repos]]\nname = "corpus"\nlocation = "{make_repo(work)}"\ntrust.refactor = 3\n[repos.quality]\n'
                + QUALITY
                + (f'differential = "{args.differential}"\n' if args.differential else "")
            )
        settings = Settings(
            data_dir=args.data,
            fleet_file=fleet,
            database_url=f"sqlite:///{work / 'store.db'}",
            sandbox=Settings().sandbox.model_copy(update={"backend": args.backend}),  # AGENTFLEET_SANDBOX__* kept
        )
        ctx = Context.from_settings(settings)
        if args.fleet:
            run_fleet(ctx, args.only, args.patches)
            return
        print(f"corpus: {CORPUS}, gate={'off' if args.no_gate else 'on'}, backend={args.backend}", flush=True)
        items = run_items(ctx, work, not args.no_gate, args.only)
    figures = summary(items)
    for key, value in figures.items():
        print(f"{key:<32} {value}")
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "items": [asdict(i) for i in items]}, indent=1))


if __name__ == "__main__":
    main()
