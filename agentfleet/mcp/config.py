"""Settings for ``agentfleet mcp serve --http`` (``AGENTFLEET_MCP__*``)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from agentfleet.core.config_base import ComponentConfig

__all__ = ["MCPServeConfig"]


class MCPServeConfig(ComponentConfig):
    """How MCP servers are served over streamable HTTP; never without a bearer token."""

    token: SecretStr | None = Field(default=None, min_length=16)
    """Bearer token clients must send; when unset, ``mcp serve --http`` makes one up and prints it once."""
    host: str = "127.0.0.1"
    """Interface to listen on."""
    port: int = Field(default=8766, ge=1, le=65535)
    """Port to listen on."""
