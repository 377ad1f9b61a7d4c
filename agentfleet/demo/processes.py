"""The demo's fleet as real processes: a private Redis (unless one is configured), ingest, a worker, beat."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from agentfleet.core.errors import ConfigError

__all__ = ["Processes", "free_port"]


def free_port() -> int:
    """A TCP port on loopback that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Processes:
    """Child processes in their own process groups, logs in ``logs/``; all stopped on exit."""

    def __init__(self, workdir: Path, env: Mapping[str, str]) -> None:
        self.logs = workdir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = dict(env)
        self.workdir = workdir
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self._scratch: list[Path] = []
        self._stop_signal: dict[str, int] = {}

    def start(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        """Start ``argv`` as ``name`` with its output in ``logs/<name>.log``."""
        with (self.logs / f"{name}.log").open("wb") as log:
            proc = subprocess.Popen(
                argv, env=self.env, cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.children[name] = proc
        return proc

    def agentfleet(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        """Start an ``agentfleet`` command with this interpreter."""
        return self.start(name, [sys.executable, "-m", "agentfleet.cli", *args])

    def log(self, name: str) -> str:
        """What ``name`` has written so far."""
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait_until(self, name: str, ready: Callable[[], bool], timeout: float) -> None:
        """Wait for ``ready()``; ``RuntimeError`` with the log tail if ``name`` dies or time runs out."""
        deadline = time.monotonic() + timeout
        while not ready():
            proc = self.children[name]
            if proc.poll() is not None or time.monotonic() > deadline:
                why = f"exited {proc.returncode}" if proc.poll() is not None else f"not ready after {timeout:.0f}s"
                raise RuntimeError(
                    f"{name} {why}; last lines of {self.logs / (name + '.log')}:\n"
                    + "\n".join(self.log(name).splitlines()[-15:])
                )
            time.sleep(0.1)

    def start_redis(self) -> str:
        """A private redis-server on a free port; returns its URL."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise ConfigError(
                "the demo starts its own Redis, but redis-server is not installed "
                "(apt-get install redis-server), and AGENTFLEET_REDIS_URL is not set"
            )
        port = free_port()
        self.start(
            "redis",
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
        )
        self.wait_until("redis", lambda: "Ready to accept connections" in self.log("redis"), 15)
        return f"redis://127.0.0.1:{port}/0"

    def start_postgres(self, *, fsync: bool = True, settings: Mapping[str, str] | None = None) -> str:
        """A private PostgreSQL cluster on a free port; returns its base URL (append ``/<database>``).

        Run as the ``postgres`` user when this process is root (PostgreSQL refuses root). ``fsync=False``
        trades crash safety for speed (tests); benchmarks keep the server's durable default. ``settings``:
        more server settings (``-c name=value``).
        """
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not binaries:
            raise ConfigError("PostgreSQL is not installed (apt-get install postgresql)")
        bindir = Path(binaries[-1]).parent
        root = Path(tempfile.mkdtemp(prefix="agentfleet-pg-"))  # a root-only workdir is closed to postgres
        self._scratch.append(root)
        as_user: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(root, owner.pw_uid, owner.pw_gid)
            as_user = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups"]
        data, port = root / "data", free_port()
        init = [
            *as_user,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
        ]
        subprocess.run(init, check=True, capture_output=True, env=self.env)
        server = [*as_user, str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(root)]
        options = {"listen_addresses": "127.0.0.1", "fsync": "on" if fsync else "off", **(settings or {})}
        self.start("postgres", [*server, *(arg for k, v in options.items() for arg in ("-c", f"{k}={v}"))])
        self._stop_signal["postgres"] = signal.SIGINT  # fast shutdown: SIGTERM would wait for every client
        ready = [str(bindir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port)]
        self.wait_until("postgres", lambda: subprocess.run(ready, check=False).returncode == 0, 30)
        return f"postgresql+psycopg://postgres@127.0.0.1:{port}"

    def stop_all(self) -> None:
        """SIGTERM every group, then SIGKILL what is left."""
        for name, proc in self.children.items():
            if proc.poll() is None:
                os.killpg(proc.pid, self._stop_signal.get(name, signal.SIGTERM))
        deadline = time.monotonic() + 10
        for proc in self.children.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        for path in self._scratch:
            shutil.rmtree(path, ignore_errors=True)
