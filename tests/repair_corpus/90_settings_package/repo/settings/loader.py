"""Settings from layered sources."""

from __future__ import annotations

from typing import Any

from settings.merge import deep_merge

DEFAULTS: dict[str, Any] = {"db": {"host": "localhost", "port": 5432}, "debug": False}


def load(*layers: dict[str, Any]) -> dict[str, Any]:
    """Defaults, then every layer in order (later layers win)."""
    result = DEFAULTS
    for layer in layers:
        result = deep_merge(result, layer)
    return result
