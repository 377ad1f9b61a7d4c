"""Lock files: ``uv.lock`` and ``poetry.lock`` pin every installed version; hashes come with them."""

from __future__ import annotations

from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from agentfleet.advisories.discovery.model import Dependency, Discovery, RepoFiles, read_toml

__all__ = ["LOCK_FILES", "parse_lock"]

LOCK_FILES = ("uv.lock", "poetry.lock")
"""File names recognised as lock files."""


def _hashes(package: dict[str, Any]) -> tuple[str, ...]:
    files = [package.get("sdist") or {}, *(package.get("wheels") or []), *(package.get("files") or [])]
    return tuple(sorted({f["hash"] for f in files if isinstance(f, dict) and isinstance(f.get("hash"), str)}))


def _is_registry(package: dict[str, Any]) -> bool:
    """Installed from an index (not a path, git or the project itself)."""
    source = package.get("source")
    if not isinstance(source, dict):
        return True
    if "type" in source:  # poetry: git, directory, file, url, or legacy (a private index)
        return bool(source["type"] == "legacy")
    return "registry" in source  # uv: registry, or editable/virtual/git/path/url


def parse_lock(files: RepoFiles, path: str, out: Discovery) -> None:
    """Add every registry package ``path`` locks, at its locked version, to ``out``."""
    loaded = read_toml(files, path, out)
    if loaded is None:
        return
    _, data = loaded
    kind = path.rsplit("/", 1)[-1]
    for package in data.get("package") or []:
        name, version = package.get("name"), package.get("version")
        if not isinstance(name, str) or not isinstance(version, str) or not _is_registry(package):
            continue
        try:
            specifier = SpecifierSet(f"=={version}")
        except InvalidSpecifier:
            out.problems.append(f"{path}: {name} is locked at {version!r}, which is not a PEP 440 version")
            continue
        out.dependencies.append(
            Dependency(name=name, specifier=specifier, manifest=path, kind=kind, hashes=_hashes(package))
        )
