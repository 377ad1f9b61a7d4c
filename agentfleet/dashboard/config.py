"""Dashboard settings (``AGENTFLEET_DASHBOARD__*``): like Flower's, never served without a password unless
opted out."""

from __future__ import annotations

from pydantic import Field, SecretStr

from agentfleet.core.config_base import ComponentConfig

__all__ = ["DashboardConfig"]


class DashboardConfig(ComponentConfig):
    """The fleet dashboard (``agentfleet dashboard``)."""

    user: str = "admin"
    """Basic-auth user name."""
    password: SecretStr | None = None
    """Basic-auth password; required unless ``unauthenticated`` is set."""
    address: str = "127.0.0.1"
    """Interface the dashboard listens on."""
    port: int = Field(default=8780, ge=1, le=65535)
    """Port the dashboard listens on."""
    unauthenticated: bool = False
    """Serve the dashboard with no authentication. Only behind your own auth proxy."""
    days: int = Field(default=7, ge=1, le=90)
    """How many days of finished work the overview shows."""
