"""Dependency discovery: what a repository declares, from requirements files, pyproject.toml and locks."""

from __future__ import annotations

import fnmatch
import posixpath

from agentfleet.advisories.discovery.locks import LOCK_FILES, parse_lock
from agentfleet.advisories.discovery.model import Dependency, Discovery, RepoFiles
from agentfleet.advisories.discovery.pyproject import parse_pyproject
from agentfleet.advisories.discovery.requirements import parse_requirements

__all__ = ["Dependency", "Discovery", "RepoFiles", "default_manifests", "discover"]

_REQUIREMENTS = ("requirements*.txt", "requirements/*.txt", "requirements-*.in", "constraints*.txt")


def default_manifests(paths: list[str]) -> list[str]:
    """The manifests audited when none are configured: top-level requirements, pyproject and locks."""
    chosen = []
    for path in sorted(paths):
        if path in ("pyproject.toml", *LOCK_FILES) or any(fnmatch.fnmatch(path, p) for p in _REQUIREMENTS):
            chosen.append(path)
    return chosen


def discover(files: RepoFiles, manifests: list[str] | None = None) -> Discovery:
    """Every dependency declared in ``manifests`` (default: ``default_manifests``), with problems noted."""
    out = Discovery()
    seen: set[str] = set()
    for path in manifests or default_manifests(files.list()):
        path = posixpath.normpath(path)
        base = posixpath.basename(path)
        if base == "pyproject.toml":
            parse_pyproject(files, path, out)
        elif base in LOCK_FILES:
            parse_lock(files, path, out)
        else:
            kind = "constraints" if base.startswith("constraints") else "requirements"
            parse_requirements(files, path, out, kind=kind, seen=seen)
    return out
