"""Fleet-file ``[repos.advisories]``: where advisories and releases come from for this repo."""

from __future__ import annotations

from agentfleet.config_base import ComponentConfig

__all__ = ["AdvisoriesConfig"]


class AdvisoriesConfig(ComponentConfig):
    """Advisory source and dependency manifests for one repository."""

    source: str = "osv-api"
    """``osv-api``, or a path to a local OSV directory or JSON file."""
