"""Forge settings (``AGENTFLEET_GITHUB__*``)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from agentfleet.core.config_base import ComponentConfig

__all__ = ["GitHubConfig"]


class GitHubConfig(ComponentConfig):
    """Access to GitHub or GitHub Enterprise."""

    token: SecretStr | None = None
    """Fine-grained token for the fleet's repos: contents and pull requests; issues too with ``gate.report_issue``."""
    base_url: str = "https://api.github.com"
    """API root; ``https://HOST/api/v3`` for GitHub Enterprise."""
    timeout_s: float = Field(default=15.0, gt=0)
    """Seconds to wait for one API call."""
    seconds_between_requests: float = Field(default=0.25, ge=0)
    """Pause between API calls (GitHub's advice against secondary rate limits)."""
    seconds_between_writes: float = Field(default=1.0, ge=0)
    """Pause between writing calls (POST/PATCH/PUT)."""
