"""Helpers for advisory tests: the real OSV data, local HTTP stand-ins, real wheels, a simple index."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DATA = Path(__file__).parents[1] / "data" / "osv-pypi-subset.json"
"""The real PyPA advisory subset (read in place, never copied)."""

Route = Callable[[str, str, bytes], tuple[int, Any]]
"""``(method, path, body) -> (status, JSON-able answer)``."""


@dataclass
class StandIn:
    """A local JSON HTTP server: its base URL and the requests it saw."""

    url: str
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)


@contextmanager
def json_server(route: Route) -> Iterator[StandIn]:
    """Serve ``route`` on 127.0.0.1 (a thread) for the duration of the block."""
    seen: list[tuple[str, str, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append((method, self.path, body))
            status, answer = route(method, self.path, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

        def log_message(self, *args: Any) -> None:
            pass

    with _serving(Handler) as url:
        yield StandIn(url, seen)


@contextmanager
def _serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build_wheel(out: Path, name: str, version: str, module: str) -> Path:
    """A real, installable ``py3-none-any`` wheel of ``name`` ``version`` holding one module."""
    dist = f"{name.replace('-', '_')}-{version}"
    files = {
        f"{name.replace('-', '_')}.py": module.encode(),
        f"{dist}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{dist}.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: agentfleet-tests\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n",
    }
    record = [f"{path},sha256={_b64_digest(data)},{len(data)}" for path, data in files.items()]
    files[f"{dist}.dist-info/RECORD"] = ("\n".join([*record, f"{dist}.dist-info/RECORD,,"]) + "\n").encode()
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for arc, data in files.items():
            archive.writestr(arc, data)
    return path


def _b64_digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_simple_index(root: Path, wheels: list[Path], yanked: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """A static PEP 503 index under ``root/simple`` linking ``wheels`` (in ``root/files``) with sha256 fragments."""
    by_project: dict[str, list[Path]] = {}
    for wheel in wheels:
        by_project.setdefault(wheel.name.split("-")[0].replace("_", "-").lower(), []).append(wheel)
    for project, group in by_project.items():
        links = []
        for wheel in group:
            mark = ' data-yanked=""' if wheel.name in yanked else ""
            links.append(f'<a href="../../files/{wheel.name}#sha256={sha256_of(wheel)}"{mark}>{wheel.name}</a><br/>')
        page = root / "simple" / project / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<!DOCTYPE html><html><body>\n" + "\n".join(links) + "\n</body></html>\n")
    (root / "simple" / "index.html").write_text(
        "<html><body>" + "".join(f'<a href="{p}/">{p}</a>' for p in by_project) + "</body></html>"
    )


@contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve directory ``root`` over HTTP on 127.0.0.1; yields the base URL."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    with _serving(Handler) as url:
        yield url
