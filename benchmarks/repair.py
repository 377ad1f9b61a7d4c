"""The offline repair engine on the corpus: how many bugs it fixes, how many correctly, how fast, per family.

    python benchmarks/repair.py [--split tuning|fresh|blind|blind3|…|blind10|held-back] [--only NAME ...]
                                [--disable FAMILY ...] [--workers 2] [--budget 60] [--backend bwrap] [--patches]
                                [--one-repo]

For each program in tests/repair_corpus: a real git repo, ``--workers`` real sandboxes, the engine with
no hint but the test command. *Plausible*: the patch makes the failing tests and the whole visible
suite pass. *Correct*: the patch, applied in a fresh sandbox, also passes the hidden tests the known
fix passes. *Wrong first-ranked*: plausible but not correct (what a reviewer would be shown wrongly).
Time per bug is wall-clock from opening the sandboxes to the ranked result. The parts of the corpus
(tuning, fresh, blind, blind3 … blind10, held-back) are reported apart, each by bug class (what the bug
needs) and by the family of the first-ranked patch; ``--disable`` leaves families out to measure what each
one adds;
``--one-repo`` puts the chosen single-module programs in one repository (``programs/x.py``, ``tests/test_x.py``)
and repairs each with ``--tests`` its own test file, as a public benchmark of classic bugs is laid out;
``--patches`` prints every plausible patch's changed lines in ranked order (not for the held-back half).
Figures go to docs/performance.md ("Offline repair").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "repair"))

from corpus_kit import SPLITS, Bug, bugs, programs_repo

from agentfleet.core.context import Context
from agentfleet.core.diffs import changed_lines
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import commit_all
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.repair.boxes import sandboxes
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.engine import RepairRequest, repair
from agentfleet.flow.fixers.repair.rank import Ranked, rank_key
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import open_sandbox


@dataclass(frozen=True)
class Row:
    """One program's outcome."""

    bug: Bug
    plausible: bool
    correct: bool
    seconds: float
    tried: int
    family: str
    """Family of the first-ranked patch (``-`` without one)."""
    correct_without_behaviour: bool = False
    """The patch ranked first without the behavioural tie-breaker passes the hidden tests."""


def make_repo(path: Path, files: dict[str, str]) -> str:
    """A real git repository at ``path`` holding ``files``; returns the commit."""
    for rel, text in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text)
    return commit_all(path, "bug")


def correct(ctx: Context, repo: RepoConfig, sha: str, bug: Bug, diff: str) -> bool:
    """The patch passes the hidden tests in a fresh sandbox."""
    with open_sandbox(ctx, repo, sha) as box:
        box.apply(diff)
        box.write("test_hidden_corpus.py", bug.hidden_tests())
        return box.run("python -m pytest -q -p no:cacheprovider test_hidden_corpus.py", timeout=120).ok


def show_patches(patches: list[Ranked]) -> None:
    """Every plausible patch, best first: its family, tier, line and changed lines."""
    for n, patch in enumerate(patches, 1):
        c = patch.candidate
        print(
            f"    {n}. {c.template} (tier {c.tier}) at {c.path}:{c.line}: " + " | ".join(changed_lines(patch.diff)),
            flush=True,
        )


def run_one(ctx: Context, work: Path, bug: Bug, config: RepairConfig, patches: bool = False) -> Row:
    """Repair ``bug`` in a repository of its own and judge the first-ranked patch."""
    path = work / bug.name
    sha = make_repo(path, bug.repo_files())
    repo = RepoConfig(name=bug.name.replace("_", "-"), location=str(path))
    return judged(ctx, repo, sha, bug, RepairRequest(test_command="python -m pytest -q"), config, patches)


def run_in_one_repo(ctx: Context, work: Path, chosen: list[Bug], config: RepairConfig, patches: bool) -> list[Row]:
    """Put the single-module programs of ``chosen`` in one repository (``programs/``, ``tests/``), then repair
    each with ``--tests`` its own test file, as a benchmark of classic bugs in one repository is run."""
    files = programs_repo(chosen)
    sha = make_repo(work / "programs", files)
    repo = RepoConfig(name="programs", location=str(work / "programs"))
    rows = []
    for bug in chosen:
        tests = [f"tests/{rel}" for rel in bug.repo_files() if f"tests/{rel}" in files and rel.startswith("test_")]
        if tests:
            rows.append(judged(ctx, repo, sha, bug, RepairRequest(tests=tests), config, patches))
    return rows


def judged(
    ctx: Context, repo: RepoConfig, sha: str, bug: Bug, request: RepairRequest, config: RepairConfig, patches: bool
) -> Row:
    """Run the engine on ``request`` in ``repo`` at ``sha`` and judge its first-ranked patch by ``bug``'s hidden
    tests."""
    started = time.monotonic()
    with sandboxes(ctx, repo, sha, config.workers) as boxes:
        result = repair(boxes, request, config)
    seconds = time.monotonic() - started
    best = result.best
    ok = best is not None and correct(ctx, repo, sha, bug, best.diff)
    plain = min(result.patches, key=without_behaviour) if result.patches else None
    plain_ok = ok if plain is best else plain is not None and correct(ctx, repo, sha, bug, plain.diff)
    family = best.candidate.template.split(" (", 1)[0] if best else "-"
    where = f"{best.candidate.template} at {best.candidate.path}:{best.candidate.line}" if best else result.reason
    verdict = "correct" if ok else ("WRONG" if best else "no-fix")
    print(
        f"{bug.name:26} {bug.kind:22} {verdict:7} {seconds:6.1f}s {result.search.tried:4d} tried  {where}", flush=True
    )
    if patches:
        show_patches(result.patches)
    return Row(bug, best is not None, ok, seconds, result.search.tried, family, plain_ok)


def without_behaviour(patch: Ranked) -> tuple[int, ...]:
    """The ranking key with the behavioural distance left out (to measure what the tie-breaker changes)."""
    return rank_key(patch, behaviour=False)


def warm_up(ctx: Context, work: Path) -> None:
    """Build the sandbox base environment once, outside the timings."""
    path = work / "warm-up"
    sha = make_repo(path, {"test_ok.py": "def test_ok():\n    assert True\n"})
    with open_sandbox(ctx, RepoConfig(name="warm-up", location=str(path)), sha) as box:
        box.run("python -m pytest -q", timeout=300)


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def _line(name: str, rows: list[Row]) -> str:
    times = [r.seconds for r in rows]
    plausible, right = sum(r.plausible for r in rows), sum(r.correct for r in rows)
    return (
        f"  {name:24} {len(rows):4d} {plausible:9d} {right:7d} {plausible - right:11d} "
        f"{percentile(times, 0.5):6.1f} {percentile(times, 0.95):6.1f}"
    )


def _grouped(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.bug.kind if key == "class" else row.family].append(row)
    return dict(sorted(groups.items()))


def summary(split: str, rows: list[Row]) -> None:
    """Totals, then per bug class and per family of the first-ranked patch."""
    if not rows:
        return
    n = len(rows)
    plausible, right = sum(r.plausible for r in rows), sum(r.correct for r in rows)
    times = [r.seconds for r in rows]
    print(f"\n== {split}: {n} programs")
    print(
        f"plausible {plausible} ({plausible / n:.0%})  correct {right} ({right / n:.0%})  "
        f"wrong first-ranked {plausible - right}  p50 {percentile(times, 0.5):.1f} s  "
        f"p95 {percentile(times, 0.95):.1f} s  mean {statistics.mean(times):.1f} s  "
        f"candidates median {statistics.median(r.tried for r in rows):.0f} max {max(r.tried for r in rows)}"
    )
    plain = sum(r.correct_without_behaviour for r in rows)
    print(f"without the behavioural tie-breaker: correct {plain}  wrong first-ranked {plausible - plain}")
    header = f"  {'':24} {'bugs':>4} {'plausible':>9} {'correct':>7} {'wrong-first':>11} {'p50 s':>6} {'p95 s':>6}"
    for key, title in (("class", "by bug class (what the bug needs)"), ("family", "by family of the patch")):
        print(f"{title}:\n{header}")
        for name, group in _grouped(rows, key).items():
            print(_line(name, group))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, help="one part of the corpus (default: all)")
    parser.add_argument("--only", nargs="*", help="corpus programs whose name starts with one of these (07, 45_median)")
    parser.add_argument("--disable", nargs="*", default=[], help="template families to leave out")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--backend", default="bwrap", choices=["bwrap", "docker"])
    parser.add_argument("--patches", action="store_true", help="print every plausible patch, best first")
    parser.add_argument(
        "--one-repo", action="store_true", help="all single-module programs in one repository, each repaired by --tests"
    )
    args = parser.parse_args()
    config = RepairConfig(workers=args.workers, budget_s=args.budget, disabled_families=args.disable)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="repair-bench-") as tmp:
        work = Path(tmp)
        settings = Settings(
            data_dir=work / "data", fleet_file=work / "fleet.toml", sandbox=SandboxConfig(backend=args.backend)
        )
        ctx = Context.from_settings(settings)
        warm_up(ctx, work)
        chosen = bugs(args.only, args.split)
        if args.one_repo:
            rows = run_in_one_repo(ctx, work, chosen, config, args.patches)
        else:
            rows = [run_one(ctx, work, bug, config, args.patches) for bug in chosen]
    for split in SPLITS:
        summary(split, [r for r in rows if r.bug.split == split])
    disabled = f", without {', '.join(args.disable)}" if args.disable else ""
    print(f"\n(workers {args.workers}, budget {args.budget:.0f} s, {args.backend}{disabled})")


if __name__ == "__main__":
    main()
