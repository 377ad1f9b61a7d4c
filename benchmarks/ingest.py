"""Ingest throughput and latency: real server, real SDK envelopes, real Redis; prints events/s and accept latency.

    python benchmarks/ingest.py [--events 20000] [--connections 32] [--distinct 50] [--workers 1]
    python benchmarks/ingest.py --rate 2000 [--seconds 20] [--hostile 4]

Starts a private redis-server and ``agentfleet ingest`` (uvicorn workers + the grouper process),
builds gzip-compressed envelopes with the real ``sentry-sdk`` (a capturing transport, the same
bytes its HTTP transport sends), posts them over keep-alive connections, then waits until every
accepted event is grouped in the store. Figures go to docs/performance.md ("Error ingest").

Without ``--rate`` every connection sends its next request as soon as the last is answered (the
saturation throughput). With ``--rate R`` requests are offered at R per second on a fixed schedule
whatever the answers do (an open loop), and each latency counts from the request's scheduled time,
so a stall is charged to every request it delayed. ``--hostile N`` adds N clients that keep sending
a hostile body (a ~1 KB gzip envelope of a megabyte of blank lines) during the run.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sentry_sdk
from sentry_sdk.transport import Transport
from sqlalchemy import func, select

from agentfleet.core.childenv import child_environment
from agentfleet.demo.processes import Processes, free_port

KEY = "0123456789abcdef0123456789abcdef"
_CAPTURED: list[bytes] = []
"""Envelopes the capturing transport saw (module level, so frames' local variables stay small)."""


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)


def sdk_envelopes(distinct: int) -> list[bytes]:
    """``distinct`` different errors as the real SDK serialises them, gzip-compressed like its transport."""

    class Capture(Transport):
        def capture_envelope(self, envelope):  # type: ignore[no-untyped-def]
            _CAPTURED.append(envelope.serialize())

    sentry_sdk.init(
        dsn=f"http://{KEY}@127.0.0.1:1/1", transport=Capture, release="bench@1.0.0", auto_enabling_integrations=False
    )
    for i in range(distinct):
        handler = type(f"Handler{i}", (), {"handle": lambda self, n=i: {}[f"missing-{n}"]})
        try:
            handler().handle()
        except KeyError:
            sentry_sdk.capture_exception()
    sentry_sdk.flush()
    return [gzip.compress(body, compresslevel=9) for body in _CAPTURED]


def request_bytes(port: int, body: bytes) -> bytes:
    head = (
        f"POST /api/1/envelope/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"X-Sentry-Auth: Sentry sentry_key={KEY}, sentry_version=7, sentry_client=sentry.python\r\n"
        "Content-Type: application/x-sentry-envelope\r\nContent-Encoding: gzip\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _connection(port: int, requests: list[bytes], latencies: list[float], statuses: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for raw in requests:
        started = time.perf_counter()
        writer.write(raw)
        statuses.append(await _answer(reader))
        latencies.append(time.perf_counter() - started)
    writer.close()


async def _answer(reader: asyncio.StreamReader) -> int:
    """Read one HTTP response; its status."""
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    await reader.readexactly(length)
    return status


async def _offered_connection(port: int, queue: asyncio.Queue, latencies: list[float], statuses: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    while (item := await queue.get()) is not None:
        scheduled, raw = item
        writer.write(raw)
        statuses.append(await _answer(reader))
        latencies.append(time.perf_counter() - scheduled)
    writer.close()


async def offered(
    port: int, bodies: list[bytes], rate: float, seconds: float, connections: int
) -> tuple[float, list[float], list[int]]:
    """Offer requests at ``rate`` per second for ``seconds`` (an open loop over ``connections`` connections);
    latency counts from each request's scheduled time."""
    raws = [request_bytes(port, b) for b in bodies]
    queue: asyncio.Queue = asyncio.Queue()
    latencies: list[float] = []
    statuses: list[int] = []
    workers = [asyncio.create_task(_offered_connection(port, queue, latencies, statuses)) for _ in range(connections)]
    total = int(rate * seconds)
    started = time.perf_counter()
    sent = 0
    while sent < total:
        due = min(total, int((time.perf_counter() - started) * rate) + 1)
        for n in range(sent, due):
            queue.put_nowait((started + n / rate, raws[n % len(raws)]))
        sent = due
        await asyncio.sleep(max(0.0, started + sent / rate - time.perf_counter()))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    return time.perf_counter() - started, latencies, statuses


def hostile_body() -> bytes:
    """A ~1 KB gzip envelope that inflates to a megabyte of blank lines and carries no event."""
    return gzip.compress(b"{}\n" + b"\n" * 999_000 + b'{"type":"client_report"}\n{}\n', compresslevel=9)


async def _hostile_client(port: int, stop: asyncio.Event, sent: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    raw = request_bytes(port, hostile_body())
    while not stop.is_set():
        writer.write(raw)
        await _answer(reader)
        sent.append(1)
    writer.close()


async def with_hostile(clients: int, port: int, run: Any) -> tuple[Any, int]:
    """``await run`` while ``clients`` hostile clients send; its result and how many hostile requests were sent."""
    stop, sent = asyncio.Event(), []
    hostile = [asyncio.create_task(_hostile_client(port, stop, sent)) for _ in range(clients)]
    result = await run
    stop.set()
    await asyncio.gather(*hostile)
    return result, len(sent)


async def blast(port: int, bodies: list[bytes], events: int, connections: int) -> tuple[float, list[float], list[int]]:
    raws = [request_bytes(port, b) for b in bodies]
    share = [
        [raws[(c + i * connections) % len(raws)] for i in range(events // connections)] for c in range(connections)
    ]
    latencies: list[float] = []
    statuses: list[int] = []
    started = time.perf_counter()
    await asyncio.gather(*(_connection(port, s, latencies, statuses) for s in share))
    return time.perf_counter() - started, latencies, statuses


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found = [pid]
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        found += _tree(int(child))
    return found


def _is_grouper(pid: int) -> bool:
    return b"group-errors" in Path(f"/proc/{pid}/cmdline").read_bytes()


def _grouped(store_url: str) -> int:
    from agentfleet.ingest.tables import ErrorGroupRow
    from agentfleet.store import Store

    store = Store(store_url)
    with store.session() as session:
        return int(session.scalar(select(func.coalesce(func.sum(ErrorGroupRow.count), 0))) or 0)


async def load(args: argparse.Namespace, port: int, bodies: list[bytes]) -> tuple[float, list[float], list[int], int]:
    """The run ``args`` ask for: elapsed seconds, latencies, statuses, and how many hostile requests were sent."""
    if args.rate:
        run = offered(port, bodies, args.rate, args.seconds, args.connections)
    else:
        run = blast(port, bodies, args.events, args.connections)
    (elapsed, latencies, statuses), hostile = await with_hostile(args.hostile, port, run)
    return elapsed, latencies, statuses, hostile


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000, help="requests to send (closed loop)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--distinct", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="ingest HTTP worker processes")
    parser.add_argument("--rate", type=float, default=0, help="offer this many requests per second (open loop)")
    parser.add_argument("--seconds", type=float, default=20, help="how long to offer --rate")
    parser.add_argument("--hostile", type=int, default=0, help="clients sending hostile bodies meanwhile")
    return parser.parse_args()


def _start(work: Path, port: int, workers: int) -> tuple[Processes, subprocess.Popen[bytes]]:
    """A private redis-server and ``agentfleet ingest`` on ``port`` with ``workers`` HTTP processes."""
    services = Processes(work, {"PATH": os.environ.get("PATH", "")})
    redis_url = services.start_redis()
    (work / "fleet.toml").write_text(f'[[repos]]\nname = "svc"\nlocation = "."\nerrors.dsn_keys = ["{KEY}"]\n')
    env = child_environment(
        {
            "AGENTFLEET_DATA_DIR": str(work / "data"),
            "AGENTFLEET_FLEET_FILE": str(work / "fleet.toml"),
            "AGENTFLEET_REDIS_URL": redis_url,
            "AGENTFLEET_LOG_LEVEL": "WARNING",
        },
        keep_agentfleet=False,
    )
    argv = [sys.executable, "-m", "agentfleet.cli", "ingest", "--port", str(port), "--workers", str(workers)]
    return services, subprocess.Popen(argv, env=env, cwd=work)


def _report(args: argparse.Namespace, figures: dict[str, Any]) -> None:
    accepted, elapsed, lat = figures["accepted"], figures["elapsed"], sorted(figures["latencies"])
    print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    http_us = figures["cpu"] / max(accepted, 1) * 1e6
    print(f"ingest HTTP CPU ({args.workers} worker(s)): {http_us:.0f} us per accepted event")
    print(f"load generator CPU: {figures['client_cpu'] / max(len(lat), 1) * 1e6:.0f} us per request")
    print(f"grouper CPU: {figures['grouper_cpu'] / max(accepted, 1) * 1e6:.0f} us per event")
    mode = f"offered {args.rate:,.0f}/s for {args.seconds:g} s" if args.rate else "closed loop"
    print(f"requests ({mode}): {len(lat)} over {args.connections} connections; accepted (200): {accepted}")
    if args.hostile:
        print(f"hostile clients: {args.hostile}, {figures['hostile']} hostile requests answered meanwhile")
    print(f"accepted: {accepted / elapsed:,.0f} events/s ({elapsed:.2f} s)")
    grouped = figures["grouped"]
    print(f"accepted and grouped: {accepted / grouped:,.0f} events/s ({grouped:.2f} s until all were in groups)")
    p50, p99 = statistics.median(lat) * 1000, lat[int(len(lat) * 0.99)] * 1000
    print(f"accept latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {lat[-1] * 1000:.1f} ms")


def main() -> None:
    args = _arguments()
    work = Path(tempfile.mkdtemp(prefix="agentfleet-bench-"))
    ingest_port = free_port()
    services, server = _start(work, ingest_port, args.workers)
    try:
        _wait(lambda: socket.socket().connect_ex(("127.0.0.1", ingest_port)) == 0, 30, "ingest")
        time.sleep(1.0)  # let worker and grouper processes finish importing before measuring
        bodies = sdk_envelopes(args.distinct)
        tree = _tree(server.pid)
        http_pids = [p for p in tree if not _is_grouper(p)]
        grouper_pids = [p for p in tree if _is_grouper(p)]
        cpu_before = sum(_cpu_s(p) for p in http_pids)
        grouper_before = sum(_cpu_s(p) for p in grouper_pids)
        started, client_cpu = time.perf_counter(), time.process_time()
        elapsed, latencies, statuses, hostile = asyncio.run(load(args, ingest_port, bodies))
        figures = {"elapsed": elapsed, "latencies": latencies, "accepted": statuses.count(200), "hostile": hostile}
        figures["client_cpu"] = time.process_time() - client_cpu
        figures["cpu"] = sum(_cpu_s(p) for p in http_pids) - cpu_before
        store_url = f"sqlite:///{work / 'data' / 'agentfleet.db'}"
        _wait(lambda: _grouped(store_url) >= figures["accepted"], 300, "the grouper to catch up")
        figures["grouped"] = time.perf_counter() - started
        figures["grouper_cpu"] = sum(_cpu_s(p) for p in grouper_pids) - grouper_before
    finally:
        server.terminate()
        server.wait(10)
        services.stop_all()
    _report(args, figures)


if __name__ == "__main__":
    main()
