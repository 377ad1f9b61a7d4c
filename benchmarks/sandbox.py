"""Sandbox latency: create → run ``true`` → destroy, per backend, cold and from the warm pool.

Usage: python benchmarks/sandbox.py [--runs 30] [--backends bwrap,docker]

Each iteration opens a sandbox through the public ``open_sandbox`` on a small real git repository
(checkout included), runs ``true`` in it and closes it. The first sandbox of each backend is a
warm-up (it builds the bwrap base environment / mirrors the repo) and is not counted. For the Docker
pool the benchmark waits until the pool is full before each iteration, so every figure is "from a
warm pool"; it also prints the latency of ``WarmPool.acquire`` alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import commit_all
from agentfleet.core.settings import Settings
from agentfleet.sandboxes.cleanup import drain
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import docker_answers, open_sandbox, sandbox_dir
from agentfleet.sandboxes.pool import close_pools

TARGETS = {"bwrap": 30.0, "docker cold": 400.0, "docker warm pool": 60.0}


def _repo(root: Path) -> tuple[RepoConfig, str]:
    path = root / "svc"
    path.mkdir()
    for name, text in {"app.py": "def add(a, b):\n    return a + b\n", "README.md": "svc\n"}.items():
        (path / name).write_text(text)
    return RepoConfig(name="svc", location=str(path)), commit_all(path, "init")


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms"


def _measure(ctx: Context, repo: RepoConfig, sha: str, runs: int, before: Callable[[], None]) -> list[float]:
    samples = []
    for i in range(runs + 1):
        before()
        started = time.perf_counter()
        with open_sandbox(ctx, repo, sha) as box:
            result = box.run("true")
        elapsed = (time.perf_counter() - started) * 1000
        assert result.ok, result
        if i:  # the first one warms caches up
            samples.append(elapsed)
    return samples


def _report(name: str, samples: list[float]) -> None:
    target = TARGETS.get(name)
    verdict = ""
    if target is not None:
        verdict = f"   target p50 <= {target:.0f} ms: {'met' if statistics.median(samples) <= target else 'MISSED'}"
    print(f"{name:<18} {_percentiles(samples)}{verdict}")


def _docker_pool(data: Path, repo: RepoConfig, sha: str, runs: int) -> None:
    from agentfleet.sandboxes.docker.sandbox import warm_pool

    ctx = Context.from_settings(Settings(data_dir=data, sandbox=SandboxConfig(backend="docker", pool_size=2)))
    pool = warm_pool(ctx.settings.sandbox, sandbox_dir(data))
    assert pool is not None

    def full() -> None:
        while pool.ready() < pool.size:
            time.sleep(0.01)

    _report("docker warm pool", _measure(ctx, repo, sha, runs, full))
    acquires = []
    for _ in range(runs):
        full()
        started = time.perf_counter()
        box = pool.acquire()
        acquires.append((time.perf_counter() - started) * 1000)
        box.discard()
    _report("pool acquire", acquires)
    close_pools()
    drain()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--backends", default="bwrap,docker")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="sandbox-bench-"))
    try:
        repo, sha = _repo(root)
        data = root / "data"
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"create -> run true -> destroy, {args.runs} runs each (after one warm-up); "
            f"{os.cpu_count()} CPUs, load average {load}"
        )
        for backend in args.backends.split(","):
            if backend == "docker" and not docker_answers():
                print("docker             skipped: no Docker daemon answers")
                continue
            ctx = Context.from_settings(Settings(data_dir=data, sandbox=SandboxConfig(backend=backend)))
            samples = _measure(ctx, repo, sha, args.runs, lambda: None)
            _report("docker cold" if backend == "docker" else backend, samples)
            if backend == "docker":
                _docker_pool(data, repo, sha, args.runs)
    finally:
        drain()  # background teardown of the last sandboxes
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
