"""Stage overhead: agentfleet's pipeline against plain Celery chains on the same Redis, in interleaved rounds.

Sides, each two workers of concurrency 1, started (ready when both answer a control ping) before the
side's turn in a round and stopped after it, so no side's idle workers share the CPU with another's burst:

- ``agentfleet[<store>]``: heartbeat jobs (fix → gate → deliver: the passthrough fixer, the canary gate,
  a ledger-only delivery), each stage with its ledger rows, job snapshot and redelivery cap, on SQLite
  and/or PostgreSQL (``--store``; PostgreSQL is a private cluster with its durable defaults unless
  ``--pg-setting`` says otherwise). Jobs are claimed (triage's work) before the timer starts.
  ``--pg-unflushed`` adds PostgreSQL through a URL that opts out of the WAL flush wait (a diagnostic of
  what the flush costs, in the same rounds; not a figure for the goal);
- ``matched``: a plain Celery chain of three no-op tasks configured as agentfleet ships;
- ``bare``: the same chain on Celery's defaults (see ``_plain_celery.py``).

Each round: a warm-up burst (untimed), then a burst of ``--jobs`` chains timed until every chain
finished; the first round also sends ``--latency`` chains one at a time for per-hop latency.
Throughput ratios are medians of the per-round ratios (sides measured minutes apart would drift); CPU
per task (workers, Redis, the database server) is read from /proc and moves less with the machine's load.

Usage: ``python benchmarks/pipeline.py [--jobs 300] [--latency 50] [--rounds 3] [--store sqlite|postgresql|both]
[--against CHECKOUT] [--pg-unflushed]``
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
UNFLUSHED = "options=-c%20synchronous_commit%3Doff"
"""A PostgreSQL URL's query that makes agentfleet's commits return before their WAL flush (the opt-in)."""
Hops = list[tuple[float, float]]
"""One chain: (start, end) epoch seconds of each hop, after the time it was sent."""


@dataclass
class Side:
    """One thing measured: how to start its workers, send a chain, count finished ones, read hop times."""

    name: str
    argv: list[str]
    env: dict[str, str]
    app: Any
    send: Callable[[str, int], None]
    finished: Callable[[str], int]
    hops: Callable[[list[str]], dict[str, Hops]]
    prepare: Callable[[str, int], None] = lambda prefix, i: None
    """Untimed work before a chain is sent (agentfleet: triage's claim of the job's key)."""
    sent: dict[str, float] = field(default_factory=dict)
    tps: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    """CPU per task (workers, Redis and the database server), in ms: what the machine's load does not change."""
    latency: dict[str, list[float]] = field(default_factory=dict)


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def start_workers(side: Side, tmp: Path) -> list[subprocess.Popen[bytes]]:
    """Two workers of ``side``, returned once both answer a control ping."""
    tag = "".join(c if c.isalnum() else "-" for c in side.name).strip("-")
    names = [f"{tag}{i}@bench" for i in range(2)]
    procs = []
    for name in names:
        log = (tmp / f"{name}.log").open("ab")
        argv = [*side.argv, "-n", name]
        procs.append(subprocess.Popen(argv, env=side.env, stdout=log, stderr=log, cwd=HERE, start_new_session=True))
    deadline = time.monotonic() + 120
    while True:
        answered = {name for reply in side.app.control.ping(destination=names, timeout=0.5) for name in reply}
        if answered >= set(names):
            return procs
        dead = [p for p in procs if p.poll() is not None]
        if dead or time.monotonic() > deadline:
            stop_workers(procs)
            tail = "\n".join((tmp / f"{names[0]}.log").read_text(errors="replace").splitlines()[-20:])
            raise SystemExit(f"{side.name} workers did not answer a ping; log of {names[0]}:\n{tail}")


def stop_workers(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        p.wait(60)


def cpu_seconds(groups: set[int]) -> float:
    """CPU seconds (user + system) used so far by the processes of the process groups ``groups``."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[2]) in groups:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def burst(side: Side, prefix: str, jobs: int) -> float:
    """Send ``jobs`` chains at once; seconds until all finished (one cheap poll per 20 ms)."""
    for i in range(jobs):
        side.prepare(prefix, i)
    start = time.perf_counter()
    for i in range(jobs):
        side.send(prefix, i)
    while side.finished(prefix) < jobs:
        time.sleep(0.02)
    return time.perf_counter() - start


def measure_latency(side: Side, jobs: int) -> None:
    """Send ``jobs`` chains one at a time, each after the previous one finished; keep per-hop times."""
    for i in range(jobs):
        side.prepare("lat", i)
        side.send("lat", i)
        while side.finished("lat") < i + 1:
            time.sleep(0.001)
    chains = side.hops([f"lat-{i}" for i in range(jobs)])
    labels = ("enqueue → hop 1", "hop 1 → hop 2", "hop 2 → hop 3")
    side.latency = {label: [] for label in (*labels, "end to end")}
    for cid, hops in chains.items():
        ends = [side.sent[cid], *(end for _, end in hops)]
        for label, (begin, _), before in zip(labels, hops, ends, strict=False):
            side.latency[label].append(begin - before)
        side.latency["end to end"].append(hops[-1][1] - side.sent[cid])


def run_round(side: Side, tmp: Path, number: int, jobs: int, latency: int, services: set[int]) -> None:
    procs = start_workers(side, tmp)
    try:
        burst(side, f"w{number}", 20)  # warm-up: imports, connections, the first sandbox-free stage runs
        if number == 0 and latency:
            measure_latency(side, latency)
        groups = {p.pid for p in procs} | services
        cpu = cpu_seconds(groups)
        side.tps.append(3 * jobs / burst(side, f"r{number}", jobs))
        side.cpu_ms.append((cpu_seconds(groups) - cpu) * 1000 / (3 * jobs))
    finally:
        stop_workers(procs)


def plain_side(profile: str, url: str) -> Side:
    """A ``_plain_celery`` side: its chain hops record their times in Redis."""
    import redis
    from celery import chain

    sys.path.insert(0, str(HERE))
    from _plain_celery import events_on, make_app, queues

    app = make_app(profile, url)
    noop = app.tasks["plain.noop"]
    client = redis.Redis.from_url(url)
    hop_queues = queues(profile)
    consumed = ",".join(sorted(set(hop_queues) | ({"monitors"} if profile == "matched" else set())))
    argv = [sys.executable, "-m", "celery", "-A", "_plain_celery", "worker", "-c", "1", "-l", "WARNING", "-Q", consumed]
    env = {**os.environ, "BENCH_PROFILE": profile, "BENCH_REDIS_URL": url}

    def send(prefix: str, i: int) -> None:
        cid = f"{profile}-{prefix}-{i}"
        side.sent[f"{prefix}-{i}"] = time.time()
        chain(*(noop.s(chain_id=cid, hop=hop).set(queue=hop_queues[hop]) for hop in range(3))).apply_async()

    def hops(cids: list[str]) -> dict[str, Hops]:
        out = {}
        for cid in cids:
            times = dict(map(float, x.decode().split(":")) for x in client.lrange(f"plain:{profile}-{cid}", 0, -1))
            out[cid] = [(times[h], times[h]) for h in range(3)]
        return out

    side = Side(
        name=profile,
        argv=[*argv, *(["-E"] if events_on(profile, url) else [])],
        env=env,
        app=app,
        send=send,
        finished=lambda prefix: int(client.get(f"plain:done:{profile}-{prefix}") or 0),
        hops=hops,
    )
    return side


def agentfleet_side(
    store_name: str, database_url: str | None, tmp: Path, head: str, checkout: Path | None = None, note: str = ""
) -> Side:
    """An agentfleet side on one store: heartbeat jobs claimed as triage would, then launched; its workers
    run this checkout's code, or ``checkout``'s (``--against``); ``note`` tells a variant of the store apart."""
    from sqlalchemy import func, select

    from agentfleet.contracts import Heartbeat, Job
    from agentfleet.store import get_store, work
    from agentfleet.store.models import LedgerRow, WorkRow
    from agentfleet.tasks import pipeline
    from agentfleet.tasks.celery_app import app

    label = f"[{store_name}{note}]" + (f" {checkout.name}" if checkout else "")
    data = tmp / ("af-" + "".join(c if c.isalnum() else "-" for c in label))
    env = {**os.environ, "AGENTFLEET_DATA_DIR": str(data)}
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    if database_url:
        env["AGENTFLEET_DATABASE_URL"] = database_url
    store = get_store(database_url or f"sqlite:///{data / 'agentfleet.db'}")

    def job(prefix: str, i: int) -> Job:
        return Job(item=Heartbeat(repo="svc", base_commit=head, fingerprint=f"{store_name}.{prefix}-{i}"))

    claimed: dict[str, Job] = {}

    def prepare(prefix: str, i: int) -> None:
        new = job(prefix, i)
        _, run = work.claim(store, new, run_id="bench", cooldown_s=0, stale_s=3600)
        claimed[f"{prefix}-{i}"] = new.model_copy(update={"run": run})

    def send(prefix: str, i: int) -> None:
        side.sent[f"{prefix}-{i}"] = time.time()
        pipeline.launch(claimed.pop(f"{prefix}-{i}"))

    def finished(prefix: str) -> int:
        """Chains of ``prefix`` whose run is done: an index range on the key (a LIKE would scan the table)."""
        first = f"svc:heartbeat:{store_name}.{prefix}-"
        within = (WorkRow.key >= first, WorkRow.key < first[:-1] + chr(ord(first[-1]) + 1))
        with store.session() as session:
            return int(session.scalar(select(func.count()).where(*within, WorkRow.state == "done")) or 0)

    def hops(cids: list[str]) -> dict[str, Hops]:
        keys = {job(cid.rsplit("-", 1)[0], int(cid.rsplit("-", 1)[1])).key: cid for cid in cids}
        with store.session() as session:
            rows = session.execute(
                select(LedgerRow.key, LedgerRow.stage, LedgerRow.outcome, LedgerRow.at)
                .where(LedgerRow.key.in_(keys), LedgerRow.stage.in_(("fix", "gate", "deliver")))
                .order_by(LedgerRow.id)
            ).all()
        spans: dict[str, dict[str, list[float]]] = {cid: {} for cid in cids}
        for key, stage, _, at in rows:
            spans[keys[key]].setdefault(stage, []).append(at.timestamp())
        return {cid: [(s[st][0], s[st][-1]) for st in ("fix", "gate", "deliver")] for cid, s in spans.items()}

    argv = [sys.executable, "-m", "agentfleet.cli", "worker", "-c", "1"]
    side = Side(f"agentfleet{label}", argv, env, app, send, finished, hops, prepare)
    return side


def prepare_agentfleet(tmp: Path, url: str) -> str:
    """The fleet every agentfleet side runs (one repo, ``svc``); settings for this process; the repo's head."""
    from agentfleet.core.git import commit_all

    repo = tmp / "svc"
    repo.mkdir()
    commit_all(repo, "i")
    (tmp / "fleet.toml").write_text(f'[[repos]]\nname = "svc"\nlocation = "{repo}"\n')
    os.environ.update(
        {
            "AGENTFLEET_REDIS_URL": url,
            "AGENTFLEET_FLEET_FILE": str(tmp / "fleet.toml"),
            "AGENTFLEET_LOG_LEVEL": "WARNING",
        }
    )
    from agentfleet.core.git import resolve_branch

    return resolve_branch(str(repo), "main")


def postgres_databases(services: Any, settings: list[str], names: list[str]) -> list[str]:
    """Databases ``names`` on one private PostgreSQL server with ``settings``."""
    from sqlalchemy import create_engine, text

    base = services.start_postgres(settings=dict(s.split("=", 1) for s in settings))
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return [f"{base}/{name}" for name in names]


def report(sides: list[Side], baseline: Side, label: str) -> None:
    """The ratio lines of each agentfleet side against ``baseline``."""
    for side in sides:
        ratios = [a / b for a, b in zip(side.tps, baseline.tps, strict=True)]
        print(f"\nratio {side.name} / {label}:")
        rounds = ", ".join(f"{r:.2f}" for r in ratios)
        print(f"  throughput (tasks/s)   {statistics.median(ratios):.2f}x   (rounds: {rounds})")
        cpu = statistics.median(side.cpu_ms) / statistics.median(baseline.cpu_ms)
        print(f"  CPU per task           {cpu:.2f}x")
        if side.latency and baseline.latency:
            hop = percentile(side.latency["hop 1 → hop 2"], 50) / percentile(baseline.latency["hop 1 → hop 2"], 50)
            e2e = percentile(side.latency["end to end"], 50) / percentile(baseline.latency["end to end"], 50)
            print(f"  hop latency p50        {hop:.2f}x")
            print(f"  end-to-end p50         {e2e:.2f}x")


def summarize(side: Side) -> None:
    rounds = ", ".join(f"{t:.0f}" for t in side.tps)
    print(f"\n{side.name}: median {statistics.median(side.tps):.1f} tasks/s (rounds: {rounds})")
    print(f"  CPU per task       {statistics.median(side.cpu_ms):.2f} ms (workers, Redis, database server)")
    for hop, values in side.latency.items():
        ms = [v * 1000 for v in values]
        print(f"  {hop:<18} p50 {percentile(ms, 50):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--jobs", type=int, default=300, help="chains in each round's throughput burst")
    parser.add_argument("--latency", type=int, default=50, help="chains sent one at a time for latency (round 1)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of every side")
    parser.add_argument("--store", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument(
        "--pg-setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a server setting for the private PostgreSQL (e.g. synchronous_commit=off to see what its flush costs)",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="also run agentfleet from another checkout (e.g. a `git worktree add` of main) on each store, "
        "interleaved with this one, and print this checkout's ratio to it: a before/after at the same load",
    )
    parser.add_argument(
        "--pg-unflushed",
        action="store_true",
        help="with PostgreSQL: also a side whose database URL opts out of the WAL flush wait "
        f"(?{UNFLUSHED.replace('%', '%%')}, docs/performance.md), to show what share of the gap the flush is; "
        "not the goal's figure",
    )
    args = parser.parse_args()
    stores = ["sqlite", "postgresql"] if args.store == "both" else [args.store]
    checkouts: list[Path | None] = [None, *([args.against.resolve()] if args.against else [])]
    print(
        f"2 workers x concurrency 1 per side; {args.rounds} interleaved rounds of a {args.jobs}-chain burst; "
        f"latency from {args.latency} sequential chains; load average {os.getloadavg()[0]:.1f}"
    )
    from agentfleet.demo.processes import Processes

    with tempfile.TemporaryDirectory(prefix="agentfleet-bench-") as d:
        tmp = Path(d)
        services = Processes(tmp, {"PATH": os.environ.get("PATH", "")})
        try:
            url = services.start_redis()
            head = prepare_agentfleet(tmp, url)
            names = ["bench", "against", "unflushed"]
            pg = postgres_databases(services, args.pg_setting, names) if "postgresql" in stores else []
            fleet = [
                agentfleet_side(s, pg[i] if s == "postgresql" else None, tmp, head, checkout)
                for i, checkout in enumerate(checkouts)
                for s in stores
            ]
            if args.pg_unflushed and pg:
                fleet.append(agentfleet_side("postgresql", f"{pg[2]}?{UNFLUSHED}", tmp, head, note=", unflushed"))
            matched, bare = plain_side("matched", url.replace("/0", "/2")), plain_side("bare", url.replace("/0", "/3"))
            for number in range(args.rounds):
                for side in (*fleet, matched, bare):
                    latency = args.latency if side is not bare else 0
                    run_round(side, tmp, number, args.jobs, latency, {p.pid for p in services.children.values()})
                print(f"round {number + 1}: " + "  ".join(f"{s.name} {s.tps[-1]:.0f}" for s in (*fleet, matched, bare)))
        finally:
            services.stop_all()
    for side in (*fleet, matched, bare):
        summarize(side)
    unflushed = fleet[len(stores) * len(checkouts) :]
    ours, theirs = fleet[: len(stores)], fleet[len(stores) : len(stores) * len(checkouts)]
    report(fleet, matched, "plain Celery configured as agentfleet ships")
    report(fleet, bare, "bare no-op chain (Celery defaults)")
    if len(stores) == 2:
        report([*ours[1:], *unflushed], ours[0], "agentfleet[sqlite]")
    for side, other in zip(ours, theirs, strict=False):
        report([side], other, other.name)


if __name__ == "__main__":
    main()
