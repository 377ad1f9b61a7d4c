"""A Docker daemon in trouble fails a sandbox's opening with ``TransientError``, so the stage is retried
instead of recorded as crashed: a server error (5xx) from a daemon stand-in speaking the Engine API, and
no daemon at all. A client error (4xx) stays what it is."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import docker.errors
import pytest
from support import make_repo

from agentfleet.core.errors import TransientError
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.docker import box as docker_box
from agentfleet.sandboxes.docker.sandbox import DockerSandbox


class _Daemon(http.server.BaseHTTPRequestHandler):
    """Answers the version handshake, then ``status`` with the Engine API's error body to everything else."""

    status = 500

    def _answer(self) -> None:
        if self.path.endswith("/version"):
            code, body = 200, {"ApiVersion": "1.41", "Version": "20.10.24", "MinAPIVersion": "1.12"}
        else:
            code, body = self.status, {"message": "failed to create shim task: OCI runtime create failed"}
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def daemon_at(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Factory: point this process's Docker client at ``tcp://127.0.0.1:<port>`` (a fresh client)."""

    def point(port: int) -> None:
        monkeypatch.setenv("DOCKER_HOST", f"tcp://127.0.0.1:{port}")
        monkeypatch.setattr(docker_box, "_clients", {})

    return point


@contextmanager
def _stand_in(status: int) -> Iterator[int]:
    handler = type("Daemon", (_Daemon,), {"status": status})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


def _open(tmp_path: Path) -> DockerSandbox:
    repo = tmp_path / "svc"
    sha = make_repo(repo, {"app.py": "X = 1\n"})
    config = SandboxConfig(backend="docker")
    return DockerSandbox.open(config, tmp_path / "data", RepoConfig(name="svc", location=str(repo)), sha)


def test_a_daemon_server_error_is_transient(tmp_path: Path, daemon_at: Callable[[int], None]) -> None:
    with _stand_in(500) as port:
        daemon_at(port)
        with pytest.raises(TransientError, match="Docker daemon failed opening a sandbox: failed to create shim"):
            _open(tmp_path)


def test_no_daemon_is_transient_and_says_what_to_check(tmp_path: Path, daemon_at: Callable[[int], None]) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    daemon_at(port)
    with pytest.raises(TransientError, match="is dockerd running"):
        _open(tmp_path)


def test_a_client_error_stays_permanent(tmp_path: Path, daemon_at: Callable[[int], None]) -> None:
    with _stand_in(404) as port:
        daemon_at(port)
        with pytest.raises(docker.errors.NotFound):
            _open(tmp_path)
