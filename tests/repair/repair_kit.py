"""Sandbox backends for the repair tests: which exist here, and how to run a test on each."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from support import need

from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import docker_answers

__all__ = ["BACKENDS", "need_backend"]

BACKENDS = [
    pytest.param("bwrap", marks=pytest.mark.bwrap, id="bwrap"),
    pytest.param("docker", marks=pytest.mark.docker, id="docker"),
]
"""For ``@pytest.mark.parametrize("repair_ctx", BACKENDS, indirect=True)``: run a test on both backends."""


def need_backend(backend: str) -> None:
    """Skip locally / fail in CI when ``backend``'s real dependency is missing."""
    if backend == "bwrap":
        need(shutil.which("bwrap") is not None, "bubblewrap is not installed (apt-get install bubblewrap)")
        return
    need(docker_answers(), "no Docker daemon answers")
    image = SandboxConfig().image
    need(
        bool(subprocess.run(["docker", "image", "inspect", image], capture_output=True).returncode == 0),
        f"{image} is missing; run workers/build-sandbox-image.sh",
    )
