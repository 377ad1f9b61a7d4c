"""Shared base for every contract: versioned, strict about unknown fields, JSON on the wire."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Contract", "EvidenceModel", "Fingerprint", "short_fingerprint", "stable_hash", "utcnow"]

Fingerprint = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:/@+-]+$")]
"""A stable dedupe key: same problem, same fingerprint, across runs and processes."""


class EvidenceModel(BaseModel):
    """The base of a finding's typed evidence and its parts: strict, frozen, fields documented."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Contract(BaseModel):
    """A message between stages. ``schema_version`` lets a consumer refuse what it cannot read."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    schema_version: Literal[1] = 1
    """Version of this contract's wire format."""


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def stable_hash(*parts: str, length: int = 40) -> str:
    """A hex digest of ``parts`` that is stable across processes and Python versions."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def short_fingerprint(fingerprint: str) -> str:
    """Twelve hex characters naming a fingerprint in branch names and logs."""
    return stable_hash(fingerprint, length=12)
