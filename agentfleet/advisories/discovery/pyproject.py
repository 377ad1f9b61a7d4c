"""``pyproject.toml``: PEP 621 ``dependencies`` and ``optional-dependencies``, PEP 735 ``dependency-groups``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement

from agentfleet.advisories.discovery.model import Dependency, Discovery, RepoFiles, read_toml

__all__ = ["declared_strings", "parse_pyproject"]


def declared_strings(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """``(where, requirement string)`` for every dependency string the file declares."""
    project = data.get("project") or {}
    for item in project.get("dependencies") or []:
        yield "project.dependencies", item
    for group, items in (project.get("optional-dependencies") or {}).items():
        for item in items or []:
            yield f"project.optional-dependencies.{group}", item
    for group, items in (data.get("dependency-groups") or {}).items():
        for item in items or []:
            if isinstance(item, str):  # tables are {include-group = "..."}
                yield f"dependency-groups.{group}", item


def parse_pyproject(files: RepoFiles, path: str, out: Discovery) -> None:
    """Add the dependencies ``path`` declares to ``out``; a broken file is a problem, not a crash."""
    loaded = read_toml(files, path, out)
    if loaded is None:
        return
    text, data = loaded
    lines = text.splitlines()
    for where, item in declared_strings(data):
        try:
            req = Requirement(item) if isinstance(item, str) else None
        except InvalidRequirement as exc:
            out.problems.append(f"{path}: {where}: cannot parse requirement {item!r}: {str(exc).splitlines()[0]}")
            continue
        if req is None or req.url:
            continue
        line = next((n + 1 for n, text_line in enumerate(lines) if item in text_line), 0)
        out.dependencies.append(
            Dependency(
                name=req.name,
                specifier=req.specifier,
                manifest=path,
                kind="pyproject",
                line=line,
                marker=str(req.marker) if req.marker else None,
                extras=tuple(sorted(req.extras)),
            )
        )
