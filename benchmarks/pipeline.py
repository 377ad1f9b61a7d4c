"""End-to-end overhead of the skeleton pipeline against plain Celery no-op tasks on the same Redis.

Two workers each. Latency: chains sent one at a time (no queueing), per-hop p50/p95. Throughput:
a burst of chains, tasks/s. agentfleet runs heartbeat jobs (fix → gate → deliver, no-op stages,
each with its ledger rows and idempotency checks); the baseline runs three chained no-op tasks.
Usage: ``python benchmarks/pipeline.py [--jobs 300] [--latency 50]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agentfleet.core.git import commit_all
from agentfleet.demo.processes import Processes

HERE = Path(__file__).resolve().parent


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def workers(argv: list[str], env: dict[str, str], tmp: Path, name: str) -> list[subprocess.Popen[bytes]]:
    procs = []
    for i in range(2):
        log = (tmp / f"{name}{i}.log").open("wb")
        procs.append(
            subprocess.Popen(
                [*argv, "-n", f"{name}{i}@%h"], env=env, stdout=log, stderr=log, cwd=HERE, start_new_session=True
            )
        )
    deadline = time.time() + 60
    while time.time() < deadline and not all("ready." in (tmp / f"{name}{i}.log").read_text() for i in range(2)):
        time.sleep(0.2)
    return procs


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        os.killpg(p.pid, 15)
    for p in procs:
        p.wait(30)


def summarize(label: str, hops: dict[str, list[float]], tasks: int, wall: float) -> dict[str, float]:
    print(f"\n{label}: burst of {tasks} tasks in {wall:.2f}s = {tasks / wall:.1f} tasks/s; latency unloaded:")
    for hop, values in hops.items():
        ms = [v * 1000 for v in values]
        print(f"  {hop:<22} p50 {percentile(ms, 50):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms")
    return {"tps": tasks / wall, **{h: percentile(v, 50) for h, v in hops.items()}}


def drive(send, finished, jobs: int) -> None:
    """Send ``jobs`` chains one at a time, each after the previous one finished."""
    for i in range(jobs):
        send(i)
        while not finished(i):
            time.sleep(0.002)


def burst(send, count_done, jobs: int) -> float:
    """Send ``jobs`` chains at once; returns seconds until all finished (one cheap poll per 50 ms)."""
    start = time.time()
    for i in range(jobs):
        send(i)
    while count_done() < jobs:
        time.sleep(0.05)
    return time.time() - start


def run_agentfleet(jobs: int, latency_jobs: int, url: str, tmp: Path) -> dict[str, float]:
    env = {
        **os.environ,
        "AGENTFLEET_REDIS_URL": url,
        "AGENTFLEET_DATA_DIR": str(tmp / "af"),
        "AGENTFLEET_FLEET_FILE": str(tmp / "fleet.toml"),
        "AGENTFLEET_LOG_LEVEL": "WARNING",
    }
    repo = tmp / "svc"
    repo.mkdir()
    commit_all(repo, "i")
    (tmp / "fleet.toml").write_text('[[repos]]\nname = "svc"\nlocation = "svc"\n')
    os.environ.update({k: v for k, v in env.items() if k.startswith("AGENTFLEET_")})
    from agentfleet.contracts import Heartbeat, Job
    from agentfleet.core.context import get_context
    from agentfleet.core.git import resolve_branch
    from agentfleet.store import work
    from agentfleet.tasks import pipeline

    procs = workers([sys.executable, "-m", "agentfleet.cli", "worker", "-c", "1"], env, tmp, "af")
    ctx = get_context()
    head = resolve_branch(str(repo), "main")
    launched: dict[str, float] = {}

    def send(prefix: str):
        def go(i: int) -> None:
            job = Job(item=Heartbeat(repo="svc", base_commit=head, fingerprint=f"{prefix}:{i}"))
            work.claim(ctx.store, job, run_id="bench", cooldown_s=0, stale_s=3600)
            launched[job.key] = time.time()
            pipeline.launch(job)

        return go

    def finished(prefix: str):
        return lambda i: work.load_job(ctx.store, f"svc:heartbeat:{prefix}:{i}").delivery is not None

    from sqlalchemy import func, select

    from agentfleet.store.models import LedgerRow

    def delivered() -> int:
        query = select(func.count()).where(
            LedgerRow.stage == "deliver", LedgerRow.outcome == "ok", LedgerRow.key.like("svc:heartbeat:tp:%")
        )
        with ctx.store.session() as session:
            return int(session.scalar(query) or 0)

    drive(send("lat"), finished("lat"), latency_jobs)
    wall = burst(send("tp"), delivered, jobs)
    stop(procs)

    with ctx.store.session() as session:
        rows = session.scalars(select(LedgerRow).where(LedgerRow.key.like("svc:heartbeat:lat:%"))).all()
    at = {(r.key, r.stage, r.outcome): r.at.timestamp() for r in rows}
    keys = [k for k in launched if ":lat:" in k]
    hops = {
        "enqueue → fix": [at[(k, "fix", "started")] - launched[k] for k in keys],
        "fix → gate": [at[(k, "gate", "started")] - at[(k, "fix", "ok")] for k in keys],
        "gate → deliver": [at[(k, "deliver", "started")] - at[(k, "gate", "ok")] for k in keys],
        "end to end": [at[(k, "deliver", "ok")] - launched[k] for k in keys],
    }
    return summarize("agentfleet skeleton (fix → gate → deliver)", hops, jobs * 3, wall)


def run_plain(jobs: int, latency_jobs: int, url: str, tmp: Path) -> dict[str, float]:
    import redis

    env = {**os.environ, "BENCH_REDIS_URL": url}
    os.environ["BENCH_REDIS_URL"] = url
    sys.path.insert(0, str(HERE))
    from _plain_celery import noop
    from celery import chain

    procs = workers(
        [sys.executable, "-m", "celery", "-A", "_plain_celery", "worker", "-c", "1", "-l", "WARNING", "-Q", "plain"],
        env,
        tmp,
        "plain",
    )
    client = redis.Redis.from_url(url)
    launched: dict[str, float] = {}

    def send(prefix: str):
        def go(i: int) -> None:
            cid = f"{prefix}{i}"
            launched[cid] = time.time()
            chain(noop.s(chain_id=cid, hop=0), noop.s(chain_id=cid, hop=1), noop.s(chain_id=cid, hop=2)).apply_async()

        return go

    def finished(prefix: str):
        return lambda i: client.llen(f"plain:{prefix}{i}") == 3

    drive(send("lat"), finished("lat"), latency_jobs)
    wall = burst(send("tp"), lambda: int(client.get("plain:done") or 0), jobs)
    stop(procs)
    keys = [c for c in launched if c.startswith("lat")]
    times = {c: dict(map(float, x.decode().split(":")) for x in client.lrange(f"plain:{c}", 0, -1)) for c in keys}
    hops = {
        "enqueue → hop 1": [times[c][0] - launched[c] for c in keys],
        "hop 1 → hop 2": [times[c][1] - times[c][0] for c in keys],
        "hop 2 → hop 3": [times[c][2] - times[c][1] for c in keys],
        "end to end": [times[c][2] - launched[c] for c in keys],
    }
    return summarize("plain Celery no-op chain (3 hops)", hops, jobs * 3, wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=300, help="chains in the throughput burst")
    parser.add_argument("--latency", type=int, default=50, help="chains sent one at a time for latency")
    args = parser.parse_args()
    print(
        f"2 workers x concurrency 1 each; latency from {args.latency} sequential chains, "
        f"throughput from a burst of {args.jobs} chains"
    )
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        services = Processes(tmp, {"PATH": os.environ.get("PATH", "")})
        try:
            url = services.start_redis()
            plain = run_plain(args.jobs, args.latency, url.replace("/0", "/2"), tmp)
            fleet = run_agentfleet(args.jobs, args.latency, url, tmp)
        finally:
            services.stop_all()
    print("\nratio agentfleet / plain Celery:")
    print(f"  throughput (tasks/s)   {fleet['tps'] / plain['tps']:.2f}x")
    print(f"  hop latency p50        {fleet['fix → gate'] / plain['hop 1 → hop 2']:.2f}x")
    print(f"  end-to-end p50         {fleet['end to end'] / plain['end to end']:.2f}x")


if __name__ == "__main__":
    main()
