"""Sandbox test kit shared by tests/sandboxes and tests/security: one fixture per backend, real parts only.

``backend`` is parametrised over bwrap and Docker; ``open_box(files, setup=..., **limits)`` opens a real
sandbox on a real git repository through the public ``open_sandbox``. Prepared environments and the
bwrap base environment are cached in one session-wide data dir so they are built once per run.
"""

from __future__ import annotations

import http.server
import itertools
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from support import make_repo, need

from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.settings import Settings
from agentfleet.sandboxes import Sandbox
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import docker_answers, open_sandbox

BACKENDS = [
    pytest.param("bwrap", marks=pytest.mark.bwrap, id="bwrap"),
    pytest.param("docker", marks=pytest.mark.docker, id="docker"),
]
_names = itertools.count()


def docker_image_present(image: str) -> bool:
    """The sandbox image exists on the local daemon."""
    import docker

    client = docker.from_env()
    try:
        client.images.get(image)
        return True
    except docker.errors.ImageNotFound:
        return False
    finally:
        client.close()


def need_backend(name: str) -> None:
    """Skip locally / fail in CI when ``name``'s real dependency is missing."""
    if name == "bwrap":
        need(shutil.which("bwrap") is not None, "bubblewrap is not installed (apt-get install bubblewrap)")
        return
    need(docker_answers(), "no Docker daemon answers")
    image = SandboxConfig().image
    need(docker_image_present(image), f"{image} is missing; run workers/build-sandbox-image.sh")


@pytest.fixture(scope="session")
def sandbox_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data dir for the session (shared by tests/sandboxes and tests/security): envs are built once."""
    path = tmp_path_factory.getbasetemp() / "sandbox-data"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each sandbox backend, with its real dependency present (or skipped locally / failed in CI)."""
    need_backend(request.param)
    return str(request.param)


def sandbox_context(data_dir: Path, backend: str, **limits: Any) -> Context:
    """A context whose settings select ``backend`` with ``limits`` overriding sandbox defaults."""
    settings = Settings(
        data_dir=data_dir, fleet_file=data_dir / "fleet.toml", sandbox=SandboxConfig(backend=backend, **limits)
    )
    return Context.from_settings(settings)


@pytest.fixture
def open_box(backend: str, sandbox_data: Path, tmp_path: Path) -> Callable[..., AbstractContextManager[Sandbox]]:
    """Factory: ``with open_box({"a.py": "..."}, setup=None, **limits) as box:`` on a fresh real repo."""

    @contextmanager
    def opened(
        files: Mapping[str, str],
        setup: str | None = None,
        commit: str | None = None,
        repo_dir: Path | None = None,
        **limits: Any,
    ) -> Iterator[Sandbox]:
        path = repo_dir or tmp_path / f"repo{next(_names)}"
        sha = commit or make_repo(path, files)
        repo = RepoConfig(name=path.name, location=str(path), setup=setup)
        with open_sandbox(sandbox_context(sandbox_data, backend, **limits), repo, sha) as box:
            yield box

    return opened


def live_containers() -> list[str]:
    """Box ids of sandbox containers this process owns that still exist on the daemon (in any state)."""
    if not docker_answers():
        return []
    from agentfleet.sandboxes.docker.box import LABEL, docker_client, owner_labels

    mine = owner_labels("")[f"{LABEL}.owner"]
    found = docker_client().containers.list(all=True, filters={"label": f"{LABEL}.owner={mine}"})
    return [c.labels[f"{LABEL}.box"] for c in found]


def leftover_boxes(data_dir: Path) -> list[str]:
    """Box directories still on disk under ``data_dir``."""
    boxes = data_dir / "sandbox" / "boxes"
    return sorted(os.listdir(boxes)) if boxes.exists() else []


def make_wheel(directory: Path, name: str, version: str, code: str) -> Path:
    """A minimal, valid pure-Python wheel ``name-version`` whose module ``name`` holds ``code``."""
    import zipfile

    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": code,
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: agentfleet-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{dist}/RECORD"] = "".join(f"{path},,\n" for path in [*files, f"{dist}/RECORD"])
    wheel = directory / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


@contextmanager
def package_index(root: Path, wheels: Mapping[str, Path]) -> Iterator[str]:
    """A PEP 503 simple index serving ``wheels`` on 127.0.0.1; yields its ``/simple`` URL."""
    import functools
    import threading

    for project, wheel in wheels.items():
        page = root / "simple" / project
        page.mkdir(parents=True)
        shutil.copy(wheel, page / wheel.name)
        (page / "index.html").write_text(f'<a href="{wheel.name}">{wheel.name}</a>\n')
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/simple"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass
