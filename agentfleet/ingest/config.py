"""Ingest settings (``AGENTFLEET_INGEST__*``) and the fleet file's per-repo ``[repos.errors]`` policy."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, SecretStr, field_validator

from agentfleet.core.config_base import ComponentConfig
from agentfleet.core.scrub import DEFAULT_SCRUB
from agentfleet.ingest.event import LEVELS

__all__ = ["ErrorPolicy", "IngestConfig"]


class IngestConfig(ComponentConfig):
    """The error-ingest HTTP service and the grouper that drains what it accepted."""

    host: str = "127.0.0.1"
    """Interface to listen on."""
    port: int = Field(default=8765, ge=1, le=65535)
    """Port to listen on."""
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    """Largest request body accepted (after decompression)."""
    body_timeout_s: float = Field(default=30.0, gt=0)
    """Longest a client may take to send a request body (a slower one gets 408)."""
    stream: str = "agentfleet:errors:events"
    """Redis stream where accepted events wait (durably) for the grouper."""
    max_backlog: int = Field(default=200_000, ge=100)
    """Events waiting in the stream beyond which ingest answers 429 (the grouper is behind or down)."""
    parked_stream: str = "agentfleet:errors:parked"
    """Redis stream where the grouper keeps events the store refused (see ``agentfleet parked-errors``)."""
    sentry_webhook_secret: SecretStr | None = None
    """Client secret of the Sentry integration whose issue-alert webhooks are accepted (HMAC-SHA256)."""
    webhook_token: SecretStr | None = None
    """Bearer token for the generic JSON webhook; the endpoint is closed while unset."""
    grouper_nice: int = Field(default=10, ge=0, le=19)
    """How much lower the grouper's CPU priority is than the HTTP workers' (``nice``): on a busy host requests
    are answered first and grouping catches up (the stream holds what waits)."""
    batch_size: int = Field(default=1000, ge=1, le=50_000)
    """Events the grouper reads and writes per store transaction."""
    events_per_group: int = Field(default=50, ge=1)
    """Newest events kept per group (with stack trace and breadcrumbs); older ones are pruned."""
    bucket_s: int = Field(default=60, ge=1)
    """Width of the per-group count buckets that frequency windows sum over."""


class ErrorPolicy(ComponentConfig):
    """Fleet-file ``[repos.errors]``: which production errors reach this repo and which are critical.

    A group is critical when any enabled rule matches; ``environments`` filters first.
    """

    dsn_keys: list[str] = Field(default_factory=list)
    """DSN public keys whose events belong to this repo."""
    environments: list[str] = Field(default_factory=list)
    """Only events from these environments count (empty: all)."""
    in_app_include: list[str] = Field(default_factory=list)
    """Module prefixes treated as the app's own code when the SDK does not say (``in_app``)."""
    levels: list[str] = Field(default_factory=lambda: ["fatal"])
    """Levels that make a group critical on their own."""
    unhandled: bool = True
    """An unhandled exception (it crashed the request or process) is critical."""
    frequency: int = Field(default=100, ge=0)
    """At least this many events within ``window_s`` make a group critical; ``0`` turns the rule off."""
    window_s: int = Field(default=3600, ge=60)
    """The sliding window for ``frequency``."""
    transactions: list[str] = Field(default_factory=list)
    """Glob patterns (``*checkout*``): an event in a matching transaction is critical."""
    tags: dict[str, list[str]] = Field(default_factory=dict)
    """Tag name → glob patterns (``{ customer_tier = ["enterprise"] }``): a match is critical."""
    new_in_release: bool = False
    """A group first seen in the repo's latest release (a regression it introduced) is critical."""
    release_format: Literal["sha", "tag", "name@version"] = "sha"
    """How an event's ``release`` names a commit: a commit SHA, a git tag, or ``name@version`` with a tag
    ``version`` or ``v<version>`` (docs/verification.md)."""
    verify_window: float = Field(default=86_400, gt=0)
    """Seconds a merged fix must stay silent in production, once deployed, to count as verified."""
    min_traffic: int = Field(default=10, ge=0)
    """Events (any group) from releases containing a fix needed in that window, so silence from no traffic
    does not verify it; ``0`` accepts silence."""
    scrub: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_SCRUB))
    """Name → regular expression: matches in an error message become ``<name>`` before a PR, issue or report
    shows it (titles never carry the message). Default: emails, quoted strings, numbers; a table here replaces it."""

    @field_validator("scrub")
    @classmethod
    def _patterns(cls, patterns: dict[str, str]) -> dict[str, str]:
        for name, pattern in patterns.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"scrub pattern {name!r} is not a regular expression: {exc}") from None
        return patterns

    @field_validator("levels")
    @classmethod
    def _known_levels(cls, levels: list[str]) -> list[str]:
        unknown = sorted(set(levels) - set(LEVELS))
        if unknown:
            raise ValueError(f"unknown level(s) {', '.join(unknown)}; levels are {', '.join(LEVELS)}")
        return levels

    @field_validator("dsn_keys")
    @classmethod
    def _hex_keys(cls, keys: list[str]) -> list[str]:
        bad = [k for k in keys if not (8 <= len(k) <= 64 and k.isalnum())]
        if bad:
            raise ValueError(f"DSN key(s) {', '.join(map(repr, bad))} must be 8-64 letters or digits")
        return keys
