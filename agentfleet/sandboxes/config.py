"""Sandbox settings (``AGENTFLEET_SANDBOX__*``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from agentfleet.config_base import ComponentConfig

__all__ = ["SandboxConfig"]


class SandboxConfig(ComponentConfig):
    """How sandboxes are created and limited."""

    backend: Literal["auto", "docker", "bwrap"] = "auto"
    """``auto`` uses Docker when a daemon answers, else bubblewrap."""
    image: str = "agentfleet-sandbox:latest"
    """Default image (Docker) when a repo names none."""
    memory_mb: int = Field(default=1024, ge=64)
    """Memory limit per sandbox."""
    pids: int = Field(default=256, ge=16)
    """Maximum processes and threads per sandbox."""
    cpus: float = Field(default=1.0, gt=0)
    """CPU share per sandbox."""
    tmp_mb: int = Field(default=256, ge=16)
    """Size of the tmpfs mounted at /tmp."""
    timeout_s: int = Field(default=600, ge=1)
    """Default wall-clock limit for one command."""
    output_cap_bytes: int = Field(default=64_000, ge=1024)
    """Bytes of stdout/stderr kept per command (head and tail)."""
