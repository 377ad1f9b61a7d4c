"""Short name → import path registries, so a config file can name a built-in or any dotted path."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from agentfleet.core.errors import ConfigError

__all__ = ["import_string", "resolve"]


def import_string(path: str) -> Any:
    """Import ``package.module.Attr`` and return ``Attr``."""
    module_name, _, attr = path.rpartition(".")
    if not module_name:
        raise ConfigError(f"{path!r} is not a dotted import path (expected 'package.module.Name')")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(f"cannot import {module_name!r} (from {path!r}): {exc}") from exc
    try:
        return getattr(module, attr)
    except AttributeError:
        raise ConfigError(f"module {module_name!r} has no attribute {attr!r} (from {path!r})") from None


def resolve(registry: Mapping[str, str], name: str, what: str) -> Any:
    """Return the object a short ``name`` (or a dotted path) stands for in ``registry``."""
    if name in registry:
        return import_string(registry[name])
    if "." in name:
        return import_string(name)
    known = ", ".join(sorted(registry))
    raise ConfigError(f"unknown {what} {name!r}; built-ins are: {known} (or give a dotted import path)")
