"""Bodies built to hurt the accept path: bounded work per request, a 400 for what cannot be read, a
deadline for a body that never finishes arriving."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest
import uvicorn
from errors_kit import AUTH, ENVELOPE_HEADERS, backlog, gz
from starlette.testclient import TestClient
from support import free_port

from agentfleet.core.context import Context
from agentfleet.ingest import envelope, sentry
from agentfleet.ingest.app import create_app

pytestmark = pytest.mark.redis
ENVELOPE = "/api/1/envelope/"
EVENT = b'{"type":"event"}\n{"message":"boom"}\n'


def _lines_run(work: Callable[[], Any]) -> int:
    """How many lines of the envelope parser and the normaliser run while ``work()`` runs (work, not time)."""
    count = 0
    files = {envelope.__file__, sentry.__file__}

    def trace(frame: FrameType, event: str, _: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename in files:
            count += event == "line"
            return trace
        return None

    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_blank_lines_cost_no_work_per_byte() -> None:
    # Given two envelopes that differ only in a run of blank lines: 1 KB, and 1 MB (about 1 KB gzipped)
    small = b"{}\n" + b"\n" * 1_000 + EVENT
    large = b"{}\n" + b"\r\n" * 500_000 + EVENT
    # When each is parsed, Then the same event comes out, for the same work
    assert envelope.event_payloads(large) == envelope.event_payloads(small)
    assert _lines_run(lambda: envelope.event_payloads(large)) == _lines_run(lambda: envelope.event_payloads(small))


def _event(size: int) -> dict[str, Any]:
    """An event with ``size`` tags, breadcrumbs, exception values and frame variables (all numbers)."""
    frame = {"function": "f", "module": "app", "in_app": True, "vars": {f"v{i}": "x" for i in range(size)}}
    crumb = {"message": "m", "data": {f"k{i}": i for i in range(size)}}
    value = {"type": "E", "stacktrace": {"frames": [frame] * 60}}
    return {"tags": {f"t{i}": i for i in range(size)}, "breadcrumbs": [crumb] * size, "exception": [value] * size}


def test_normalising_costs_bounded_work_whatever_the_event_holds() -> None:
    # Given an event at the caps, and one holding ten times more of everything
    at_caps, beyond = _event(sentry.MAX_SEEN), _event(10 * sentry.MAX_SEEN)
    # When each is normalised, Then the work is the same: what is past the caps is never looked at
    assert _lines_run(lambda: sentry.from_sentry(beyond, repo="svc")) == _lines_run(
        lambda: sentry.from_sentry(at_caps, repo="svc")
    )
    # And an envelope cannot ask for more than a few events
    many = b"{}\n" + EVENT * (envelope.MAX_EVENTS + 1)
    with pytest.raises(envelope.MalformedEnvelope, match="one per envelope"):
        envelope.event_payloads(many)


def test_a_value_nested_too_deep_is_a_400_and_the_service_goes_on(client: TestClient, ingest_ctx: Context) -> None:
    nested = b"[" * 1_000 + b"1" + b"]" * 1_000
    for field in (b'"tags":{"k":%s}', b'"breadcrumbs":[{"data":{"k":%s}}]', b'"release":%s'):
        event = b'{"message":"deep",' + field % nested + b"}"
        body = b'{}\n{"type":"event"}\n' + event + b"\n"
        answer = client.post(ENVELOPE, content=gz(body), headers=ENVELOPE_HEADERS)
        assert answer.status_code == 400, answer.text
        assert "nested too deep" in answer.json()["detail"]
    assert backlog(ingest_ctx) == 0
    assert client.post(ENVELOPE, content=gz(b"{}\n" + EVENT), headers=ENVELOPE_HEADERS).status_code == 200


@pytest.fixture
def served(make_ctx: Callable[..., Context]) -> Iterator[int]:
    """The ingest app on a real uvicorn server (a real socket), with a 1 s body deadline; its port."""
    port = free_port()
    config = uvicorn.Config(create_app(make_ctx(body_timeout_s=1.0)), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "ingest server did not start"
        time.sleep(0.02)
    yield port
    server.should_exit = True


def test_a_trickled_body_is_cut_off_at_the_deadline(served: int) -> None:
    # Given a client that announces 100 bytes and sends one byte every 0.4 s
    head = f"POST {ENVELOPE} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in AUTH.items()) + "\r\n"
    with socket.create_connection(("127.0.0.1", served), timeout=10) as sock:
        sock.sendall(head.encode())
        sock.settimeout(0.4)
        answer = b""
        for _ in range(25):
            try:
                answer = sock.recv(4096)
                break
            except TimeoutError:
                sock.sendall(b"x")
    # Then the server answers 408 once its body deadline has passed, instead of waiting forever
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert b"body" in answer
