"""Where a repository keeps what the docs monitor reads: its packages, its doc files and its changelog, found
from a commit's file list (the fleet file's ``[repos.docs]`` overrides each)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

from agentfleet.flow.monitors.docs_drift.config import DocsConfig
from agentfleet.flow.monitors.docs_drift.docfiles import matches

__all__ = ["RepoLayout", "find_layout", "plain_changelog"]

_NOT_PACKAGES = {
    "tests",
    "test",
    "testing",
    "docs",
    "doc",
    "examples",
    "example",
    "benchmarks",
    "scripts",
    "tools",
    "build",
    "dist",
    "site",
    "setup",
    "conftest",
    "noxfile",
    "fabfile",
    "manage",
    "tasks",
}
_CHANGELOG = re.compile(
    r"^(docs?/)?(changelog|changes|history|news|release[-_]?notes)(\.\w+)?$"
    r"|^docs?/(versions|whats[-_]?new|releases)\.(rst|md|txt)$",
    re.IGNORECASE,
)
_FRAGMENT_DIRS = ("changelog.d/", "newsfragments/", "news/", "changes/", "changelog/", "releasenotes/notes/")
"""News-fragment folders: towncrier's and reno's (``releasenotes/notes/<slug>-<hex>.yaml``)."""


def plain_changelog(path: str) -> bool:
    """``path`` is a changelog named without a suffix (sqlparse's ``CHANGELOG``, ``CHANGES``, ``docs/NEWS``): text."""
    return "." not in path.rpartition("/")[2] and bool(_CHANGELOG.match(path))


@dataclass(frozen=True)
class RepoLayout:
    """The packages, doc files and changelog of one commit."""

    packages: tuple[str, ...]
    roots: tuple[str, ...]
    """Directories (``""`` or ``src/``) the packages are found in."""
    docs: tuple[str, ...]
    """Prose doc files checked (the changelog excluded)."""
    changelog: str | None
    """The changelog file, or a fragments directory ending in ``/``; ``None`` when the repo keeps none."""

    def is_source(self, path: str) -> bool:
        """``path`` is a Python file of one of the packages."""
        if not path.endswith((".py", ".pyi")):
            return False
        tops = {name.split(".")[0] for name in self.packages}
        for root in self.roots:
            if path.startswith(root):
                head = path[len(root) :].split("/", 1)[0].removesuffix(".pyi").removesuffix(".py")
                if head in tops:
                    return True
        return False

    def is_doc_update(self, path: str, patterns: list[str]) -> bool:
        """A change to ``path`` updates the docs: a doc file, the changelog or a news fragment."""
        if self.changelog and (path == self.changelog or path.startswith(self.changelog)):
            return True
        return matches(path, patterns) or path.startswith(_FRAGMENT_DIRS) or bool(_CHANGELOG.match(path))


def _packages(paths: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    for root in ("src/", ""):
        names = sorted(
            {
                p[len(root) :].split("/")[0]
                for p in paths
                if p.startswith(root) and p[len(root) :].count("/") == 1 and p.endswith("/__init__.py")
            }
        )
        names = [n for n in names if n.isidentifier() and n.lower() not in _NOT_PACKAGES and not n.startswith("_")]
        if names:
            return tuple(names), (root,)
    modules = [p[:-3] for p in paths if "/" not in p and p.endswith(".py") and p[:-3].isidentifier()]
    return tuple(m for m in modules if m.lower() not in _NOT_PACKAGES and not m.startswith(("_", "test"))), ("",)


def _changelog(paths: list[str], configured: str | None) -> str | None:
    if configured is not None:
        if not configured:
            return None
        folder = configured.rstrip("/") + "/"
        return folder if any(p.startswith(folder) for p in paths) else configured
    files = sorted((p for p in paths if _CHANGELOG.match(p)), key=lambda p: (p.count("/"), len(p)))
    if files:
        return files[0]
    return next((d for d in _FRAGMENT_DIRS if any(p.startswith(d) for p in paths)), None)


def find_layout(paths: list[str], config: DocsConfig) -> RepoLayout:
    """The layout of a commit whose files are ``paths``."""
    if config.packages:
        top = {name.split(".")[0] for name in config.packages}
        roots = tuple(
            r for r in ("src/", "") if any(p.startswith(f"{r}{t}/") or p == f"{r}{t}.py" for p in paths for t in top)
        )
        packages, roots = tuple(config.packages), roots or ("",)
    else:
        packages, roots = _packages(paths)
    changelog = _changelog(paths, config.changelog)
    docs = tuple(
        p
        for p in paths
        if matches(p, config.paths)
        and p != changelog
        and not _CHANGELOG.match(p)
        and not (changelog and changelog.endswith("/") and p.startswith(changelog))
        and not any(fnmatchcase(p, f"{d}*") for d in _FRAGMENT_DIRS)
    )
    return RepoLayout(packages=packages, roots=roots, docs=docs, changelog=changelog)
