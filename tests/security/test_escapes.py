"""Escape and abuse battery: each case runs hostile code in a real sandbox and asserts containment.

Every test runs on both backends (bwrap, Docker). docs/security.md maps each threat to the test here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

OpenBox = Callable[..., Any]
APP = {"app.py": "X = 1\n"}
SECRET = "af-test-secret-7f3a9c"


def _py(code: str) -> list[str]:
    return ["python", "-c", code]


def _host_addresses() -> list[str]:
    """Non-loopback addresses of this host (where a host service could listen)."""
    out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False).stdout.split()
    return [a for a in out if ":" not in a]


@pytest.fixture
def host_listener() -> Iterator[int]:
    """A TCP server on 0.0.0.0 that the host itself can reach; yields its port."""
    server = socket.create_server(("0.0.0.0", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    server.close()


CONNECT = """
import socket, sys
for host, port in [tuple(a.split(":")) for a in sys.argv[1:]]:
    try:
        socket.create_connection((host, int(port)), timeout=3).close()
        print("CONNECTED", host, port)
    except OSError as exc:
        print("blocked", host, port, type(exc).__name__)
"""


def test_outbound_tcp_is_blocked(open_box: OpenBox, host_listener: int) -> None:
    # Given a TCP service on every host address, reachable from the host itself
    targets = [f"{ip}:{host_listener}" for ip in _host_addresses()] + ["1.1.1.1:443", "8.8.8.8:53"]
    for target in targets[:-2]:
        ip, port = target.split(":")
        socket.create_connection((ip, int(port)), timeout=3).close()
    # When sandboxed code tries to reach them and the internet
    with open_box(APP) as box:
        result = box.run(["python", "-c", CONNECT, *targets], timeout=30)
    # Then nothing connects
    assert result.ok, result.stderr
    assert "CONNECTED" not in result.stdout
    assert result.stdout.count("blocked") == len(targets)


def test_dns_does_not_resolve(open_box: OpenBox) -> None:
    lookup = (
        "import socket\ntry:\n    print(socket.getaddrinfo('pypi.org', 443))\n"
        "except OSError as e:\n    print('NO-DNS', e)"
    )
    with open_box(APP) as box:
        result = box.run(_py(lookup), timeout=30)
    assert "NO-DNS" in result.stdout, result.stdout


def test_host_redis_on_loopback_is_unreachable(open_box: OpenBox, redis_server: str) -> None:
    # Given the real Redis the fleet uses, listening on the host's loopback
    port = int(redis_server.rsplit(":", 1)[1])
    import redis

    assert redis.Redis.from_url(f"{redis_server}/0").ping()
    ping = (
        "import socket\ntry:\n"
        f"    s = socket.create_connection(('127.0.0.1', {port}), timeout=3); s.sendall(b'PING\\r\\n')\n"
        "    print('ANSWER', s.recv(64))\nexcept OSError as e:\n    print('blocked', e)"
    )
    # When sandboxed code connects to that port on loopback
    with open_box(APP) as box:
        result = box.run(_py(ping), timeout=30)
    # Then it reaches nothing (its loopback is its own)
    assert "blocked" in result.stdout, result.stdout
    assert "PONG" not in result.stdout


def test_docker_socket_is_not_reachable(open_box: OpenBox) -> None:
    probe = (
        "import socket\nfor path in ['/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock']:\n"
        "    s = socket.socket(socket.AF_UNIX)\n    try:\n        s.connect(path); print('CONNECTED', path)\n"
        "    except OSError as e:\n        print('blocked', path, type(e).__name__)"
    )
    with open_box(APP) as box:
        result = box.run(_py(probe))
    assert "CONNECTED" not in result.stdout
    assert result.stdout.count("blocked") == 3


def test_host_secrets_are_not_visible(open_box: OpenBox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Given a secret in the worker's environment and a marker in root's home
    monkeypatch.setenv("AGENTFLEET_GITHUB__TOKEN", SECRET)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    marker = Path("/root") / f".agentfleet-marker-{os.getpid()}"
    created = os.access("/root", os.W_OK)
    if created:
        marker.write_text(SECRET)
    shadow = Path("/etc/shadow").read_text().splitlines()[0] if os.access("/etc/shadow", os.R_OK) else "root:"
    try:
        with open_box(APP) as box:
            env = box.run("env; cat /proc/1/environ /proc/self/environ | tr '\\0' '\\n'")
            files = box.run(f"cat /etc/shadow; ls -la /root; cat {marker}; cat /proc/1/root/etc/shadow")
    finally:
        if created:
            marker.unlink()
    # Then neither the environment nor the files leak into the sandbox
    assert SECRET not in env.stdout + env.stderr
    assert "AGENTFLEET_" not in env.stdout
    assert SECRET not in files.stdout
    assert shadow not in files.stdout
    assert not files.ok


def test_writes_outside_the_workspace_fail(open_box: OpenBox) -> None:
    places = [
        "/usr/bin/planted",
        "/etc/planted",
        "/planted",
        "/opt/agentfleet/base/planted",
        "/home/planted",
        "/proc/sys/kernel/hostname",
    ]
    with open_box(APP) as box:
        result = box.run(" ; ".join(f"echo x > {p} 2>/dev/null && echo WROTE {p}" for p in places) + "; true")
        kernel = box.run(
            "for f in /proc/sys/kernel/core_pattern /proc/sys/vm/drop_caches /proc/sysrq-trigger "
            "/sys/kernel/uevent_helper /proc/1/mem; do [ -w $f ] && echo WRITABLE $f; done; true"
        )
        inside = box.run("echo ok > /workspace/fine && echo ok > /tmp/fine && cat /workspace/fine /tmp/fine")
    assert "WROTE" not in result.stdout
    assert "WRITABLE" not in kernel.stdout, "host kernel settings must not be writable from a sandbox"
    assert inside.stdout == "ok\nok\n"
    assert not Path("/usr/bin/planted").exists()
    assert not Path("/etc/planted").exists()


def test_fork_bomb_is_contained(open_box: OpenBox) -> None:
    with open_box(APP, pids=64) as box:
        started = time.monotonic()
        bomb = box.run("bomb() { bomb | bomb & }; bomb; sleep 3", timeout=5)
        after = box.run("echo still-usable")
        refused = box.run("python3 -c 'import os; [os.fork() or os._exit(0) for _ in range(200)]'", timeout=20)
    assert refused.killed_by == "pids", (refused.exit_code, refused.stderr[-300:])
    assert time.monotonic() - started < 30
    assert bomb.duration_s < 10
    assert after.stdout == "still-usable\n"


def test_memory_bomb_is_killed(open_box: OpenBox) -> None:
    with open_box(APP, memory_mb=128) as box:
        result = box.run(_py("x = bytearray(1024 * 1024 * 1024)\nprint('ALLOCATED')"), timeout=60)
        after = box.run("echo still-usable")
    assert "ALLOCATED" not in result.stdout
    assert not result.ok
    assert result.killed_by == "memory" or "MemoryError" in result.stderr
    assert after.stdout == "still-usable\n"


def test_disk_fill_stops_at_the_caps(open_box: OpenBox) -> None:
    with open_box(APP, workspace_mb=32, tmp_mb=16) as box:
        work = box.run("dd if=/dev/zero of=big bs=1M count=200 2>&1; stat -c %s big", timeout=60)
        tmp = box.run("dd if=/dev/zero of=/tmp/big bs=1M count=200 2>&1; stat -c %s /tmp/big")
    assert "No space left" in work.stdout
    assert int(work.stdout.split()[-1]) <= 32 * 1024 * 1024
    assert "No space left" in tmp.stdout
    assert int(tmp.stdout.split()[-1]) <= 16 * 1024 * 1024


def test_infinite_loop_is_killed_and_cpu_is_limited(open_box: OpenBox) -> None:
    burn = (
        "import os, time\nt = time.time()\nwhile time.time() - t < 2:\n    pass\n"
        "c = os.times()\nprint(c.user + c.system)"
    )
    with open_box(APP, cpus=0.5) as box:
        loop = box.run("while :; do :; done", timeout=1)
        cpu = box.run(_py(burn), timeout=30)
    assert loop.timed_out
    assert loop.killed_by == "timeout"
    assert loop.duration_s < 5
    assert float(cpu.stdout) < 1.5, f"2 s of wall clock at 0.5 CPU used {cpu.stdout.strip()} s of CPU"


def test_setuid_binaries_do_not_escalate(open_box: OpenBox) -> None:
    with open_box(APP) as box:
        # Given a setuid-root binary planted in the workspace by the host
        planted = Path(box.workspace.work) / "suid-id"
        shutil.copy(shutil.which("id") or "/usr/bin/id", planted)
        os.chown(planted, 0, 0)
        planted.chmod(0o4755)
        # When sandboxed code runs it, and any setuid binary it can find, and tries setuid(0) itself
        result = box.run(
            "./suid-id -u; for b in /usr/bin/su /usr/bin/passwd /bin/mount; do [ -x $b ] && $b --help >/dev/null 2>&1;"
            " done; grep -E '^(CapEff|CapPrm|NoNewPrivs)' /proc/self/status; "
            "python -c 'import os; os.setuid(0); print(\"ROOT\")' 2>&1 | tail -1"
        )
    # Then it stays uid 1000 with no capabilities
    lines = result.stdout.splitlines()
    assert lines[0] == "1000"
    assert "CapEff:\t0000000000000000" in lines
    assert "CapPrm:\t0000000000000000" in lines
    assert "NoNewPrivs:\t1" in lines
    assert "ROOT" not in result.stdout
    assert "Error" in lines[-1]


def test_background_processes_die_with_their_command(open_box: OpenBox) -> None:
    with open_box(APP) as box:
        result = box.run(
            "(sleep 1; echo late > late1) & setsid sh -c 'sleep 1; echo late > late2' & nohup sh -c "
            "'sleep 1; echo late > late3' >/dev/null 2>&1 & echo started"
        )
        time.sleep(2)
        left = box.run("ls")
    assert result.stdout == "started\n"
    assert result.duration_s < 1
    assert left.stdout.split() == ["app.py"]


def test_huge_output_is_capped_without_exhausting_the_host(open_box: OpenBox) -> None:
    with open_box(APP, output_cap_bytes=65_536) as box:
        result = box.run(
            "yes AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | head -c 200000000; yes E | head -c 5000000 >&2", timeout=120
        )
    assert result.ok
    assert result.stdout_bytes == 200_000_000
    assert result.stderr_bytes == 5_000_000
    assert len(result.stdout) < 66_000
    assert len(result.stderr) < 66_000
    assert "bytes dropped" in result.stdout
