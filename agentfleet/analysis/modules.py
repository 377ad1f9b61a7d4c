"""The import name of a repository's Python file."""

from __future__ import annotations

from pathlib import PurePosixPath

__all__ = ["module_name"]


def module_name(path: str) -> str | None:
    """``pkg/mod.py`` → ``pkg.mod`` (a leading ``src/`` and a trailing ``__init__`` dropped), or ``None``
    when some part is not an identifier and so cannot be imported by that name."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[0] == "src":
        parts = parts[1:]
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) if parts and all(p.isidentifier() for p in parts) else None
