"""PEP 440 parsing that tolerates the legacy version strings real advisory data contains."""

from __future__ import annotations

from functools import lru_cache

from packaging.version import InvalidVersion, Version

__all__ = ["ZERO", "parse_version", "version_key"]

ZERO = Version("0")
"""OSV's ``introduced: "0"``: below every version."""


@lru_cache(maxsize=65_536)
def parse_version(text: str) -> Version | None:
    """``text`` as a PEP 440 version, or ``None`` when it is not one (``0.1-bulbasaur``)."""
    try:
        return Version(text)
    except InvalidVersion:
        return None


def version_key(text: str) -> tuple[bool, Version, str]:
    """Sort key for version strings: PEP 440 order, unparseable ones last (by text)."""
    parsed = parse_version(text)
    return parsed is None, parsed or ZERO, text
