"""The repository's modules a patch's code imports without changing them, read at the base commit: what their
functions return (a clock reading) and change (an argument they empty) is part of what the patched code does, so
the review reads them beside the patch's own files."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import PurePosixPath

from agentfleet.analysis import is_test_file
from agentfleet.flow.gate.patchset import PatchSet

__all__ = ["imported_sources"]

_MAX_MODULES = 50
"""At most this many modules are read (a patch importing more has its own reviewer's attention)."""


def _package(path: str) -> list[str]:
    parts = list(PurePosixPath(path).parent.parts)
    return parts[1:] if parts[:1] == ["src"] else parts


def _imports(path: str, text: str) -> Iterator[str]:
    """Dotted names ``text`` imports, relative imports resolved against ``path``'s package; ``from m import f``
    gives ``m`` and ``m.f`` (``f`` may be a submodule)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            package = _package(path)
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            if module:
                yield module
            yield from (f"{module}.{a.name}".lstrip(".") for a in node.names)


def imported_sources(patchset: PatchSet) -> dict[str, str]:
    """Path → base text of each repository module the patch's Python files import and the patch does not change."""
    modules = sorted(
        {
            name
            for path, change in patchset.files.items()
            if path.endswith(".py") and change.after is not None and not is_test_file(path)
            for name in _imports(path, change.after)
        }
    )
    paths = patchset.module_paths()
    found: dict[str, str] = {}
    for module in [m for m in modules if m in paths][:_MAX_MODULES]:
        path = paths[module]
        if path not in patchset.files and path not in found and (text := patchset.base_text(path)) is not None:
            found[path] = text
    return found
