"""Metrics settings (``AGENTFLEET_METRICS__*``)."""

from __future__ import annotations

from pydantic import Field

from agentfleet.core.config_base import ComponentConfig

__all__ = ["MetricsConfig"]


class MetricsConfig(ComponentConfig):
    """The ``/metrics`` endpoint workers and ingest serve for Prometheus."""

    port: int | None = Field(default=None, ge=1, le=65535)
    """Port of the endpoint; unset: no endpoint. One per process that serves it (a worker, ingest)."""
    address: str = "127.0.0.1"
    """Interface the endpoint listens on (``0.0.0.0`` in a container)."""
