"""Audit time for a repo with 300 declared dependencies against the real PyPA advisory subset.

    python benchmarks/advisories.py [--deps 300] [--repeat 5]

The repo (a real git repository in a temp dir) declares ``--deps`` pinned dependencies across two
requirements files: every one of the 25 packages in tests/data at a vulnerable version, the rest
packages no advisory names (as in real projects). Three set-ups are timed, each cold (fresh caches, first
load of the OSV file) and warm (repeat runs, median):

- ``offline``: local OSV file, no index (upgrade targets from the advisories' version lists);
- ``simple-index``: local OSV file + a PEP 691 simple index on 127.0.0.1 (release lists with hashes);
- ``osv-api``: an OSV API stand-in on 127.0.0.1 (one querybatch + one GET per record) + the simple index.

Figures go to docs/performance.md ("Dependency advisories").
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from agentfleet.advisories.config import AdvisoriesConfig, AdvisorySettings
from agentfleet.advisories.discovery import discover
from agentfleet.advisories.factory import build_auditor, http_client
from agentfleet.advisories.snapshot import git_tree_for
from agentfleet.core.git import commit_all

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "osv-pypi-subset.json"
PINS = {
    "django": "3.2.0", "pillow": "8.0.0", "urllib3": "1.24.1", "twisted": "20.3.0", "aiohttp": "3.8.0",
    "numpy": "1.16.0", "cryptography": "3.2", "werkzeug": "0.15.0", "lxml": "4.6.0", "requests": "2.19.0",
    "jinja2": "2.10", "pyyaml": "5.3", "paramiko": "2.4.0", "flask": "0.12.2", "sqlalchemy": "1.2.0",
    "tornado": "6.0", "redis": "4.5.0", "setuptools": "60.0.0", "certifi": "2022.9.24", "fastapi": "0.60.0",
    "starlette": "0.20.0", "celery": "5.0.0", "idna": "3.0", "gunicorn": "19.4.0", "pydantic": "1.8.1",
}  # fmt: skip


def _records() -> list[dict[str, Any]]:
    return json.loads(DATA.read_text())


def _routes(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Answers of the stand-in server: PEP 691 project pages and OSV API records."""
    versions: dict[str, set[str]] = {}
    for record in records:
        affected = record["affected"][0]
        name = affected["package"]["name"].lower()
        versions.setdefault(name, set()).update(affected["versions"])
        for rng in affected["ranges"]:
            versions[name].update(e["fixed"] for e in rng["events"] if "fixed" in e and rng["type"] == "ECOSYSTEM")
    routes: dict[str, Any] = {}
    for name, found in versions.items():
        files = [{"filename": f"{name}-{v}.tar.gz", "hashes": {"sha256": "0" * 64}} for v in sorted(found)]
        routes[f"/simple/{name}/"] = {"meta": {"api-version": "1.0"}, "files": files}
    for record in records:
        routes[f"/v1/vulns/{record['id']}"] = record
    return routes


def _serve(records: list[dict[str, Any]]) -> tuple[ThreadingHTTPServer, str]:
    routes = _routes(records)
    by_package: dict[str, list[dict[str, str]]] = {}
    for record in records:
        entry = {"id": record["id"], "modified": record["modified"]}
        by_package.setdefault(record["affected"][0]["package"]["name"].lower(), []).append(entry)

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/vnd.pypi.simple.v1+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._send(200, routes[self.path]) if self.path in routes else self._send(404, {})

        def do_POST(self) -> None:
            queries = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["queries"]
            results = [{"vulns": by_package.get(q["package"]["name"], [])} for q in queries]
            self._send(200, {"results": results})

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _repo(root: Path, deps: int) -> Path:
    lines = [f"{name}=={version}" for name, version in PINS.items()]
    lines += [f"internal-lib-{n:03d}=={n % 7}.{n % 13}.{n % 5}" for n in range(max(0, deps - len(lines)))]
    half = len(lines) // 2
    repo = root / "svc"
    repo.mkdir()
    (repo / "requirements.txt").write_text("-r requirements-base.txt\n" + "\n".join(lines[half:]) + "\n")
    (repo / "requirements-base.txt").write_text("\n".join(lines[:half]) + "\n")
    commit_all(repo, "deps")
    return repo


def _audit(repo: Path, config: AdvisoriesConfig, settings: AdvisorySettings, cache: Path) -> tuple[float, int, int]:
    started = time.perf_counter()
    tree = git_tree_for(str(repo), "main", cache / "mirrors")
    found = discover(tree)
    with http_client(settings) as client:
        report = build_auditor(config, settings, cache, client).audit(found)
    return time.perf_counter() - started, report.audited, len(report.entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deps", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    server, url = _serve(_records())
    setups = {
        "offline": (AdvisoriesConfig(source=str(DATA), index_url="none"), AdvisorySettings()),
        "simple-index": (AdvisoriesConfig(source=str(DATA), index_url=f"{url}/simple"), AdvisorySettings()),
        "osv-api": (AdvisoriesConfig(source=url, index_url=f"{url}/simple"), AdvisorySettings()),
    }
    with tempfile.TemporaryDirectory() as tmp:
        repo = _repo(Path(tmp), args.deps)
        print(f"repo: {args.deps} pinned dependencies in 2 requirements files; data: {DATA.name}")
        for name, (config, settings) in setups.items():
            from agentfleet.advisories import sources

            sources._load.cache_clear()  # a cold start re-reads the OSV file
            cache = Path(tmp) / f"cache-{name}"
            cold, audited, affected = _audit(repo, config, settings, cache)
            warm = statistics.median(_audit(repo, config, settings, cache)[0] for _ in range(args.repeat))
            print(f"{name:<13} cold {cold * 1000:7.0f} ms   warm {warm * 1000:6.0f} ms   "
                  f"({audited} declarations, {affected} affected)")  # fmt: skip
    server.shutdown()


if __name__ == "__main__":
    main()
