"""Ingest settings (``AGENTFLEET_INGEST__*``)."""

from __future__ import annotations

from pydantic import Field

from agentfleet.config_base import ComponentConfig

__all__ = ["IngestConfig"]


class IngestConfig(ComponentConfig):
    """The error-ingest HTTP service."""

    host: str = "127.0.0.1"
    """Interface to listen on."""
    port: int = Field(default=8765, ge=1, le=65535)
    """Port to listen on."""
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    """Largest request body accepted (after decompression)."""


class ErrorPolicy(ComponentConfig):
    """Fleet-file ``[repos.errors]``: which production errors reach this repo and which are critical."""

    dsn_keys: list[str] = Field(default_factory=list)
    """DSN public keys whose events belong to this repo."""
