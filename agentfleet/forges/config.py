"""Forge settings (``AGENTFLEET_GITHUB__*``)."""

from __future__ import annotations

from pydantic import SecretStr

from agentfleet.config_base import ComponentConfig

__all__ = ["GitHubConfig"]


class GitHubConfig(ComponentConfig):
    """Access to GitHub or GitHub Enterprise."""

    token: SecretStr | None = None
    """A fine-grained token limited to contents and pull requests on the fleet's repos."""
    base_url: str = "https://api.github.com"
    """API root; ``https://HOST/api/v3`` for GitHub Enterprise."""
