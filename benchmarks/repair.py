"""The offline repair engine on the whole corpus: how many bugs it fixes, how many correctly, how fast.

    python benchmarks/repair.py [--only NAME ...] [--workers 2] [--budget 60] [--backend bwrap]

For each program in tests/repair_corpus: a real git repo, ``--workers`` real sandboxes, the engine with
no hint but the test command. *Fixed* (plausible): the patch makes the failing tests and the whole
visible suite pass. *Correct*: the patch, applied in a fresh sandbox, also passes the hidden tests
the known fix passes. Time per bug is wall-clock from opening the sandboxes to the ranked result.
Figures go to docs/performance.md ("Offline repair").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "repair"))

from corpus_kit import Bug, bugs

from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import commit_all
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.repair.boxes import sandboxes
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.engine import RepairRequest, RepairResult, repair
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import open_sandbox


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


def run_one(ctx: Context, work: Path, bug: Bug, config: RepairConfig) -> tuple[RepairResult, float, bool]:
    """Repair ``bug``; its result, wall-clock seconds and whether the patch is correct."""
    path = work / bug.name
    sha = make_repo(path, bug.repo_files())
    repo = RepoConfig(name=bug.name.replace("_", "-"), location=str(path))
    started = time.monotonic()
    with sandboxes(ctx, repo, sha, config.workers) as boxes:
        result = repair(boxes, RepairRequest(test_command="python -m pytest -q"), config)
    seconds = time.monotonic() - started
    best = result.best
    return result, seconds, best is not None and correct(ctx, repo, sha, bug, best.diff)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="corpus programs whose name contains one of these")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--backend", default="bwrap", choices=["bwrap", "docker"])
    args = parser.parse_args()
    config = RepairConfig(workers=args.workers, budget_s=args.budget)
    rows = []
    with tempfile.TemporaryDirectory(prefix="repair-bench-") as tmp:
        work = Path(tmp)
        settings = Settings(
            data_dir=work / "data", fleet_file=work / "fleet.toml", sandbox=SandboxConfig(backend=args.backend)
        )
        ctx = Context.from_settings(settings)
        warm_up(ctx, work)
        for bug in bugs(args.only):
            result, seconds, ok = run_one(ctx, work, bug, config)
            best = result.best
            where = f"{best.candidate.template} at {best.candidate.path}:{best.candidate.line}" if best else ""
            what = where or result.reason
            print(
                f"{bug.name:24} {bug.kind:20} {'fixed' if best else 'no-fix':6} {'correct' if ok else '':7} "
                f"{seconds:6.1f}s {result.search.tried:4d} tried  {what}",
                flush=True,
            )
            rows.append((best is not None, ok, seconds, result.search.tried))
    n = len(rows)
    fixed, right = sum(r[0] for r in rows), sum(r[1] for r in rows)
    times = [r[2] for r in rows]
    print(f"\nbugs {n}  fixed (plausible) {fixed} ({fixed / n:.0%})  fixed correctly {right} ({right / n:.0%})")
    print(
        f"time per bug  p50 {percentile(times, 0.5):.1f} s  p95 {percentile(times, 0.95):.1f} s  "
        f"mean {statistics.mean(times):.1f} s  total {sum(times):.0f} s"
    )
    print(
        f"candidates tried  total {sum(r[3] for r in rows)}  median {statistics.median(r[3] for r in rows):.0f}"
        f"  max {max(r[3] for r in rows)}  (workers {args.workers}, budget {args.budget:.0f} s)"
    )


if __name__ == "__main__":
    main()
