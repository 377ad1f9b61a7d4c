"""Sandbox settings (``AGENTFLEET_SANDBOX__*``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from agentfleet.core.config_base import ComponentConfig

__all__ = ["DEPENDENCY_FILES", "TEST_TOOLS", "SandboxConfig"]

TEST_TOOLS = ("pytest==9.2.0", "coverage==7.18.0")
"""The test tools every sandbox has, pinned so figures do not drift with new releases (workers/Dockerfile
installs the same pins)."""

DEPENDENCY_FILES = [
    "requirements*.txt",
    "requirements/*.txt",
    "constraints*.txt",
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "Pipfile",
    "Pipfile.lock",
    "poetry.lock",
    "uv.lock",
    "pdm.lock",
]


class SandboxConfig(ComponentConfig):
    """How sandboxes are created and limited."""

    backend: Literal["auto", "docker", "bwrap"] = "auto"
    """``auto`` uses Docker when a daemon answers, else bubblewrap."""
    image: str = "agentfleet-sandbox:latest"
    """Default image (Docker) when a repo names none; build it with ``workers/build-sandbox-image.sh``."""
    memory_mb: int = Field(default=1024, ge=64)
    """Memory limit per sandbox."""
    pids: int = Field(default=256, ge=16)
    """Maximum processes and threads per sandbox."""
    cpus: float = Field(default=1.0, gt=0)
    """CPU share per sandbox."""
    tmp_mb: int = Field(default=256, ge=16)
    """Size of the tmpfs mounted at /tmp."""
    workspace_mb: int = Field(default=1024, ge=16)
    """Size cap of the writable workspace (a tmpfs when the host lets us mount one)."""
    timeout_s: int = Field(default=600, ge=1)
    """Default wall-clock limit for one command."""
    prepare_timeout_s: int = Field(default=1800, ge=1)
    """Wall-clock limit for a repo's ``setup`` command in the prepare step."""
    output_cap_bytes: int = Field(default=64_000, ge=1024)
    """Bytes of stdout/stderr kept per command (head and tail)."""
    max_read_bytes: int = Field(default=16_000_000, ge=1024)
    """Largest file the host reads back from a sandbox (a source file, a result file); bigger ones are refused."""
    max_diff_bytes: int = Field(default=8_000_000, ge=1024)
    """Largest diff the host reads back from a sandbox's changes; a bigger one is refused before it is read."""
    uid: int = Field(default=1000, ge=1)
    """Unprivileged uid (and gid) commands run as; the same uid on the host kernel, so pick one no account uses."""
    env: dict[str, str] = Field(default_factory=dict)
    """Extra fixed environment variables for every command (nothing is inherited from the host)."""
    pool_size: int = Field(default=0, ge=0, le=64)
    """Warm sandboxes kept ready per worker process (0 disables the pool)."""
    dependency_files: list[str] = Field(default_factory=lambda: list(DEPENDENCY_FILES))
    """Glob patterns of files whose content keys the prepared environment cache."""
    base_packages: list[str] = Field(default_factory=lambda: list(TEST_TOOLS))
    """Packages in the bwrap base environment (built once with network; Docker images ship them)."""
    python: str = "/usr/bin/python3"
    """The host's system Python the bwrap backend runs inside the sandbox (must live under /usr)."""
    runtime_dir: Path | None = None
    """Where the bwrap base environments are built and kept (default: ``runtime`` in the sandbox directory); data
    dirs on one host that name the same directory share each build (builds are locked and keyed by content)."""
