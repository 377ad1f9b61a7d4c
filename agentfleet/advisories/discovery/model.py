"""What discovery finds: declared dependencies, where they are declared, and what could not be read."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any, Protocol

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

__all__ = ["Dependency", "Discovery", "RepoFiles", "read_toml"]


class RepoFiles(Protocol):
    """Read access to a repository snapshot (a git tree, a directory, a sandbox)."""

    def read(self, path: str) -> str | None:
        """Text of repo-relative ``path``, or ``None`` when there is no such file."""
        ...

    def list(self) -> list[str]:
        """Every file's repo-relative path."""
        ...


@dataclass(frozen=True)
class Dependency:
    """One declaration of a dependency in one manifest."""

    name: str
    """As written in the manifest."""
    specifier: SpecifierSet
    manifest: str
    """Repository-relative path of the declaring file."""
    kind: str
    """``requirements``, ``constraints``, ``pyproject``, ``uv.lock`` or ``poetry.lock``."""
    line: int = 0
    """1-based line where the declaration starts (0 when not known)."""
    hashes: tuple[str, ...] = ()
    """``--hash`` values (``sha256:…``) given with it."""
    marker: str | None = None
    extras: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The PEP 503-normalised name."""
        return canonicalize_name(self.name)

    @property
    def pinned(self) -> str | None:
        """The exact version when the specifier is one ``==V`` / ``===V`` clause without wildcard."""
        clauses = list(self.specifier)
        if len(clauses) == 1 and clauses[0].operator in {"==", "==="} and not clauses[0].version.endswith("*"):
            return clauses[0].version
        return None

    @property
    def is_lock(self) -> bool:
        """Declared by a lock file (its version is what gets installed)."""
        return self.kind.endswith(".lock")

    @property
    def current(self) -> str:
        """The declaration as shown to humans: ``==2.0.1``, ``>=1.0,<2`` or ``(any)``."""
        return str(self.specifier) or "(any)"


@dataclass
class Discovery:
    """Every declaration found, and the problems met on the way (never fatal)."""

    dependencies: list[Dependency] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line each: ``file:line: what is wrong``."""
    manifests: list[str] = field(default_factory=list)
    """Files read, in order."""


def read_toml(files: RepoFiles, path: str, out: Discovery) -> tuple[str, dict[str, Any]] | None:
    """``(text, data)`` of TOML file ``path``, noting it in ``out``; a missing or broken file is a problem."""
    text = files.read(path)
    if text is None:
        out.problems.append(f"{path}: file not found")
        return None
    out.manifests.append(path)
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        out.problems.append(f"{path}: not valid TOML: {exc}")
        return None
