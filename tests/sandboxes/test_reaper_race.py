"""The reaper meets containers that other workers remove while it sweeps: a container the daemon lists and then
no longer knows (404 on inspect and on remove) is no error, and a worker still starts. Against a stand-in that
speaks the Engine API, since the race cannot be timed on a real daemon."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from agentfleet.sandboxes import factory
from agentfleet.sandboxes.docker import box as docker_box
from agentfleet.sandboxes.reaper import reap_leftovers

GONE = "0" * 64


class _Daemon(http.server.BaseHTTPRequestHandler):
    """Lists one labelled container of a dead owner, then answers 404 for it: removed in between."""

    def _send(self, code: int, body: object) -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain" if isinstance(body, str) else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _answer(self) -> None:
        path = self.path.split("?", 1)[0]
        if path.endswith("/version"):
            self._send(200, {"ApiVersion": "1.41", "Version": "20.10.24", "MinAPIVersion": "1.12"})
        elif path.endswith("/_ping"):
            self._send(200, "OK")
        elif path.endswith("/containers/json"):
            labels = {docker_box.LABEL: "1", f"{docker_box.LABEL}.owner": "999999999:1"}
            self._send(200, [{"Id": GONE, "Names": ["/box"], "Labels": labels, "State": "exited"}])
        else:
            self._send(404, {"message": f"No such container: {GONE}"})

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def racing_daemon(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process's Docker client pointed at the stand-in (fresh client, fresh daemon check)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Daemon)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("DOCKER_HOST", f"tcp://127.0.0.1:{server.server_port}")
    monkeypatch.setattr(docker_box, "_clients", {})
    factory.docker_answers.cache_clear()
    try:
        yield
    finally:
        for client in docker_box._clients.values():
            client.close()
        factory.docker_answers.cache_clear()
        server.shutdown()
        server.server_close()


def test_a_container_removed_while_the_reaper_sweeps_is_no_error(racing_daemon: None, tmp_path: Path) -> None:
    # Given a daemon that lists a leftover container another worker removes before it can be inspected
    # When a worker starts and sweeps
    reaped = reap_leftovers(tmp_path / "sandboxes")
    # Then the sweep ends normally, counting nothing it did not remove
    assert reaped == 0
