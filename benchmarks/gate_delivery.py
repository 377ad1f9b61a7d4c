"""Gate and delivery latency on a small service repo: what a verified fix costs after the fixer.

    python benchmarks/gate_delivery.py [--repeat 5] [--backend bwrap|docker] [--pool-size 0]

A real git repo (an order-pricing module with a bug and two tests), a correct fix with a regression
test, and the real gate: every test run in a fresh sandbox — the suite after the patch, the regression
test before and after it and its plain replay before and after, two at a time (``gate.parallel_runs``);
the suite on the base commit runs once and is then served from the gate's base-run cache. The
sandbox's base environment is built once, before timing. Then delivery of the verified job to the local
forge (bare repo + store): the first delivery (push + open a PR) and a re-run (update the same PR).
Needs ``redis-server`` on PATH (the delivery lock). Figures go to docs/performance.md ("Gate and delivery").
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from agentfleet.contracts import ErrorEvidence, FixError, Job, Patch, TrustPhase
from agentfleet.core.context import Context
from agentfleet.core.git import commit_all, git
from agentfleet.core.settings import Settings
from agentfleet.demo.processes import Processes
from agentfleet.flow.delivery.stage import deliver
from agentfleet.flow.gate.stage import verify

PRICING = (
    "def order_total(lines, discount=0.0):\n"
    "    subtotal = sum(price * qty for price, qty in lines)\n"
    "    return round(subtotal * (1 + discount), 2)\n"
)
TESTS = "from pricing import order_total\n\n\ndef test_plain():\n    assert order_total([(1.0, 2)]) == 2.0\n"
REGRESSION = "\n\ndef test_discount():\n    assert order_total([(10.0, 1)], discount=0.1) == 9.0\n"


def _repo(root: Path) -> tuple[Path, str, str]:
    repo = root / "svc"
    (repo / "tests").mkdir(parents=True)
    (repo / "pricing.py").write_text(PRICING)
    (repo / "tests" / "test_pricing.py").write_text(TESTS)
    base = commit_all(repo, "init")
    (repo / "pricing.py").write_text(PRICING.replace("(1 + discount)", "(1 - discount)"))
    (repo / "tests" / "test_pricing.py").write_text(TESTS + REGRESSION)
    diff = git("diff", cwd=repo)
    git("checkout", "-q", "--", ".", cwd=repo)
    return repo, base, diff


def _timed(fn: object, repeat: int) -> tuple[float, list[float]]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs


def _measure(ctx: Context, job: Job, repeat: int) -> None:
    start = time.perf_counter()
    verified = verify(job, ctx)
    cold = time.perf_counter() - start
    if verified.decision is None or verified.decision.verdict.value != "pr":
        raise SystemExit(f"the gate did not pass the benchmark's fix: {verified.decision}")
    gate, runs = _timed(lambda: verify(job, ctx), repeat)
    start = time.perf_counter()
    first = deliver(verified, ctx).delivery
    opened = time.perf_counter() - start
    rerun, _ = _timed(lambda: deliver(verified, ctx), repeat)
    backend = ctx.settings.sandbox.backend
    print(f"gate ({backend}): first run {cold:.2f} s (includes building the sandbox base env once)")
    print(f"gate ({backend}): warm median {gate:.2f} s over {repeat} runs (min {min(runs):.2f}, max {max(runs):.2f})")
    number = first.pr_number if first else None
    print(
        f"delivery (local forge): open PR #{number} {opened * 1000:.0f} ms; "
        f"re-run (update) median {rerun * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--backend", default="bwrap", choices=["bwrap", "docker"])
    parser.add_argument("--pool-size", type=int, default=0, help="warm sandboxes kept ready (Docker)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="agentfleet-bench-") as tmp:
        root = Path(tmp)
        repo, base, diff = _repo(root)
        services = Processes(root, {"PATH": os.environ.get("PATH", "")})
        try:
            fleet = root / "fleet.toml"
            fleet.write_text(f'[[repos]]\nname = "svc"\nlocation = "{repo}"\ntrust.fix_error = 3\n')
            settings = Settings(
                data_dir=root / "data",
                fleet_file=fleet,
                redis_url=services.start_redis(),
                sandbox={"backend": args.backend, "pool_size": args.pool_size},
            )
            item = FixError(
                repo="svc",
                base_commit=base,
                fingerprint="bench",
                trust_phase=TrustPhase.PR,
                error=ErrorEvidence(exception_type="AssertionError"),
            )
            job = Job(item=item, patch=Patch(base_commit=base, diff=diff, author="bench"))
            _measure(Context.from_settings(settings), job, args.repeat)
        finally:
            services.stop_all()


if __name__ == "__main__":
    main()
