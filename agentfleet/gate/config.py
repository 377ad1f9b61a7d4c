"""Fleet-file ``[repos.gate]``: the boundaries a patch must stay inside."""

from __future__ import annotations

from pydantic import Field

from agentfleet.config_base import ComponentConfig

__all__ = ["GateConfig"]


class GateConfig(ComponentConfig):
    """Diff limits and forbidden paths for one repository."""

    max_files: int = Field(default=10, ge=1)
    """Most files one patch may touch."""
    max_lines: int = Field(default=300, ge=1)
    """Most added plus removed lines in one patch."""
