"""Advisory configuration: the fleet-file ``[repos.advisories]`` section and process settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from agentfleet.core.config_base import ComponentConfig

__all__ = ["AdvisoriesConfig", "AdvisorySettings"]


class AdvisoriesConfig(ComponentConfig):
    """Advisory source and dependency manifests for one repository."""

    source: str = "osv-api"
    """``osv-api``, an OSV API URL, or a local OSV directory, JSON file or zip (relative to the fleet file)."""
    source_type: str = "auto"
    """Which source class reads ``source``: ``auto`` (``osv-api`` for the API or a URL, ``osv-local`` for a
    path), a built-in name, or the dotted path of a class with ``from_config`` (``AdvisorySourceFactory``)."""
    manifests: list[str] = Field(default_factory=list)
    """Repository-relative files to audit; empty finds ``requirements*.txt``, ``pyproject.toml`` and locks."""
    index_url: str | None = None
    """Release index for this repo (PyPI JSON API or PEP 503 simple index URL, or ``none``); default from settings."""
    ignore: list[str] = Field(default_factory=list)
    """Advisory ids (or aliases) to leave out, e.g. accepted risks."""
    allow_prereleases: bool = False
    """Let the upgrade target be a pre-release (always allowed when the current version is one)."""

    @field_validator("source")
    @classmethod
    def _resolve_source(cls, value: str, info: ValidationInfo) -> str:
        if value == "osv-api" or "://" in value:
            return value
        base = (info.context or {}).get("base_dir", Path.cwd())
        return str((Path(base) / Path(value).expanduser()).resolve())


class AdvisorySettings(ComponentConfig):
    """Process-wide advisory settings (``AGENTFLEET_ADVISORIES__*``)."""

    osv_api_url: str = "https://api.osv.dev"
    """Root of the OSV API (``/v1/querybatch`` and ``/v1/vulns/{id}`` are appended)."""
    index_url: str = "https://pypi.org/pypi"
    """Default release index: a PyPI JSON API root (``…/pypi``), a PEP 503 simple index (``…/simple``), or
    ``none`` (offline: upgrade targets come from the versions the advisories list)."""
    cache_ttl_s: int = Field(default=3600, ge=0)
    """How long OSV answers and release lists are reused from the on-disk cache (0 disables it)."""
    timeout_s: float = Field(default=30.0, gt=0)
    """HTTP timeout for the OSV API and the index."""
    batch_size: int = Field(default=1000, ge=1, le=1000)
    """Queries per OSV ``querybatch`` call (the API allows at most 1000)."""
    index_kind: Literal["auto", "json", "simple"] = "auto"
    """How to read ``index_url``: ``auto`` picks ``simple`` when the URL path ends in ``/simple``."""
