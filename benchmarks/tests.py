"""Test expansion on the corpus: coverage monitor → tests fixer → gate, per uncovered function.

    python benchmarks/tests.py [--only NAME ...] [--no-pynguin] [--budget 30] [--backend bwrap]
                               [--json OUT] [--data DIR] [--fleet FLEET.toml]

For each repo in tests/coverage/corpus: a real git repo whose first commit holds its tests and whose second
adds the library code; the coverage monitor audits it (``since`` = the first commit) and every finding (one
per function no test runs enough) goes through the tests fixer and the gate, as the pipeline would run them.

Figures, over all items: the share of target lines (and branches) the delivered tests cover, as the gate
measured it; mutants on the target lines killed per item, and their share of all the targets' mutants
(an item with no patch kills none of its mutants); the share of items the gate passes (a PR at trust
phase 3); seconds per item (fix + gate), p50 and p95. Figures go to docs/performance.md ("Test expansion").

With ``--fleet``, the repos of that fleet file are audited instead, as their own ``[repos.coverage]`` says
(real repositories: docs/tests.md, "Real repositories"); ``--only`` names repos of it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from agentfleet.contracts import ExpandTests, Job
from agentfleet.core.context import Context
from agentfleet.core.git import commit_all, git
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.fixers.tests.mutants import mutants_at
from agentfleet.flow.fixers.tests.toolenv import tools_repo
from agentfleet.flow.gate.stage import verify
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.sandboxes.factory import open_sandbox

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "coverage" / "corpus"
_COVERED = re.compile(r"→ (\d+)/(\d+) lines, (\d+)/(\d+) branches")
_KILLED = re.compile(r"with the new tests (\d+)/(\d+)")


@dataclass
class Item:
    """One finding's way through fix and gate."""

    repo: str
    function: str
    lines: int
    branches: int
    covered_lines: int
    covered_branches: int
    mutants: int
    killed: int
    passed: bool
    fixer: str
    seconds: float
    why: str
    diff: str = ""


def make_repo(work: Path, source: Path) -> Path:
    """``source``'s tests in a first commit, its library code in a second; the repo's path."""
    path = work / source.name
    shutil.copytree(source / "tests", path / "tests")
    commit_all(path, "tests")
    for package in (p for p in source.iterdir() if p.is_dir() and p.name != "tests"):
        shutil.copytree(package, path / package.name)
    commit_all(path, "library code")
    return path


def fleet_file(work: Path, repos: list[Path], pynguin: bool, budget: int) -> Path:
    """A fleet file naming every repo at trust phase 3, audited since its first commit."""
    text = "".join(
        f'[[repos]]\nname = "{p.name.replace("_", "-")}"\nlocation = "{p}"\ntrust.expand_tests = 3\n'
        f'[repos.coverage]\nsince = "HEAD~1"\nmax_items_per_run = 20\npynguin = {str(pynguin).lower()}\n'
        f"search_budget_s = {budget}\n\n"
        for p in repos
    )
    (work / "fleet.toml").write_text(text)
    return work / "fleet.toml"


def target_mutants(ctx: Context, item: ExpandTests) -> int:
    """How many mutants the target lines give (counted host side: an item with no patch has no gate figure)."""
    source = git("show", f"{item.base_commit}:{item.path}", cwd=ctx.repo(item.repo).location)
    lines = set(item.lines) | {a for a, _ in item.branches}
    return len(mutants_at(item.path, source, lines, ctx.repo(item.repo).coverage.max_mutants))


def measured(job: Job, item: ExpandTests, repo: str, seconds: float, mutants: int) -> Item:
    """The figures of one item, from the gate's own checks."""
    checks = {c.name: c.evidence for c in job.decision.checks} if job.decision else {}
    cover = _COVERED.search(checks.get("covers_target", ""))
    kills = _KILLED.search(checks.get("kills_mutants", ""))
    passed = job.decision is not None and job.decision.passed
    lines, branches = len(item.lines), len(item.branches)
    refused = "; ".join(f"{c.name}: {c.evidence}" for c in job.decision.checks if not c.passed) if job.decision else ""
    reasons = "; ".join(job.decision.reasons) if job.decision else ""
    why = (job.no_fix.reason if job.no_fix else refused or reasons)[:300]
    return Item(
        repo=repo,
        function=item.function,
        lines=lines,
        branches=branches,
        covered_lines=int(cover.group(1)) if cover and passed else 0,
        covered_branches=int(cover.group(3)) if cover and passed else 0,
        mutants=int(kills.group(2)) if kills else mutants,
        killed=int(kills.group(1)) if kills and passed else 0,
        passed=passed,
        fixer=job.patch.author if job.patch else "-",
        seconds=round(seconds, 1),
        why=why,
        diff=job.patch.diff if job.patch else "",
    )


def warm_up(ctx: Context, name: str, pynguin: bool) -> float:
    """Build repo ``name``'s environments once, outside the timings (the base one, and Pynguin's tool
    environment, which a fleet builds once per repo and dependency set); seconds it took."""
    started = time.monotonic()
    repo = ctx.repo(name)
    with open_sandbox(ctx, tools_repo(repo, repo.coverage.pynguin_version) if pynguin else repo, "HEAD") as box:
        box.run(["true"])
    return time.monotonic() - started


def run_repo(ctx: Context, name: str) -> list[Item]:
    """Audit repo ``name`` and take each finding through fix and gate."""
    _, triaged = run_monitor(ctx, name, "coverage", run_id=f"bench-{name}")
    items = []
    for job in triaged.jobs:
        item = job.item
        assert isinstance(item, ExpandTests)
        started = time.monotonic()
        job = verify(fix(job, ctx), ctx)
        found = measured(job, item, name, time.monotonic() - started, target_mutants(ctx, item))
        items.append(found)
        print(
            f"  {name}::{item.function:<22} target {found.lines}L/{found.branches}B covered "
            f"{found.covered_lines}L/{found.covered_branches}B killed {found.killed}/{found.mutants} "
            f"{'PR' if found.passed else 'no PR'} {found.seconds:.0f}s {'' if found.passed else found.why}",
            flush=True,
        )
    return items


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def summary(items: list[Item]) -> dict[str, float]:
    """The benchmark's figures."""
    lines = sum(i.lines for i in items) or 1
    targets = sum(i.lines + i.branches for i in items) or 1
    seconds = [i.seconds for i in items] or [0.0]
    return {
        "items": len(items),
        "target_lines_covered": round(sum(i.covered_lines for i in items) / lines, 3),
        "target_lines_and_branches_covered": round(
            sum(i.covered_lines + i.covered_branches for i in items) / targets, 3
        ),
        "mutants_killed_per_item": round(statistics.mean([i.killed for i in items] or [0]), 2),
        "share_of_target_mutants_killed": round(sum(i.killed for i in items) / (sum(i.mutants for i in items) or 1), 3),
        "items_with_pr": round(sum(i.passed for i in items) / (len(items) or 1), 3),
        "seconds_p50": percentile(seconds, 0.5),
        "seconds_p95": percentile(seconds, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="corpus repos to run (directory names)")
    parser.add_argument("--no-pynguin", action="store_true", help="the characterisation writer alone")
    parser.add_argument("--budget", type=int, default=30, help="Pynguin's search time per module (s)")
    parser.add_argument("--backend", default="bwrap", choices=["bwrap", "docker"])
    parser.add_argument("--json", type=Path, help="write every item and the figures here")
    parser.add_argument(
        "--data", type=Path, default=Path("/tmp/aft-bench-data"), help="sandbox data (environments are kept here)"
    )
    parser.add_argument("--fleet", type=Path, help="audit this fleet file's repos instead of the corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aft-bench-", dir="/tmp") as tmp:
        work = Path(tmp)
        if args.fleet:
            names, fleet = args.only, args.fleet.resolve()
        else:
            sources = sorted(p for p in CORPUS.iterdir() if p.is_dir() and (not args.only or p.name in args.only))
            repos = [make_repo(work, s) for s in sources]
            names, fleet = (
                [r.name.replace("_", "-") for r in repos],
                fleet_file(work, repos, not args.no_pynguin, args.budget),
            )
        settings = Settings(
            data_dir=args.data,
            fleet_file=fleet,
            database_url=f"sqlite:///{work / 'store.db'}",
            sandbox=Settings().sandbox.model_copy(update={"backend": args.backend}),  # AGENTFLEET_SANDBOX__* kept
        )
        ctx = Context.from_settings(settings)
        items = []
        for repo in ctx.repos() if not names else [ctx.repo(n) for n in names]:
            pynguin = repo.coverage.pynguin
            print(f"{repo.name}: environments ready in {warm_up(ctx, repo.name, pynguin):.0f}s", flush=True)
            items += run_repo(ctx, repo.name)
    figures = summary(items)
    for key, value in figures.items():
        print(f"{key:<36} {value}")
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "items": [asdict(i) for i in items]}, indent=1))


if __name__ == "__main__":
    main()
