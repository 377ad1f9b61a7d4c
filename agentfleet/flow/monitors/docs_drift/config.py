"""Fleet-file ``[repos.docs]``: where a repository keeps its docs, what its public API is, how it writes them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from agentfleet.core.config_base import ComponentConfig

__all__ = ["DEFAULT_DOC_PATHS", "DocsConfig"]

DEFAULT_DOC_PATHS = ["README*", "*.md", "*.rst", "docs/**/*.md", "docs/**/*.rst", "doc/**/*.md", "doc/**/*.rst"]
"""Doc globs checked when the fleet file names none."""


class DocsConfig(ComponentConfig):
    """What the ``docs`` monitor reads, the ``docs`` fixer edits and the ``sync_docs`` gate builds."""

    paths: list[str] = Field(default_factory=lambda: list(DEFAULT_DOC_PATHS))
    """Prose doc globs (``**`` spans directories); the changelog is never checked for stale names."""
    packages: list[str] = Field(default_factory=list)
    """Importable packages (or modules) that make the public API; empty finds them (top level or ``src/``)."""
    style: Literal["auto", "google", "numpy", "sphinx"] = "auto"
    """Docstring style; ``auto`` infers it per docstring."""
    changelog: str | None = None
    """Changelog file or fragments directory (``changelog.d``); unset looks for CHANGELOG*, CHANGES*, HISTORY*,
    NEWS*; ``""`` means the repo keeps none."""
    build: str | None = None
    """Docs build command the gate runs in the sandbox (``mkdocs build --strict``, ``sphinx-build -W docs out``)."""
    since: str | None = None
    """Commit (or ref) the first audit starts after; unset: ``history`` commits before the head."""
    history: int = Field(default=20, ge=1, le=10_000)
    """How many commits back the first audit starts when ``since`` is unset."""
    require_update: bool = True
    """Flag API changes made in commits that touched no doc file, no changelog and not the symbol's docstring."""
    run_markers: list[str] = Field(default_factory=lambda: ["run", "runnable", "test"])
    """Words in a code fence's info string (```` ```python run ````) that mark a block the gate runs."""
    time_budget_s: float = Field(default=60.0, gt=0)
    """Seconds one audit may spend reading docs; files left unread are reported, not guessed."""
    max_file_bytes: int = Field(default=1_000_000, ge=1_000)
    """Doc files larger than this are skipped (and reported)."""
    example_timeout_s: float = Field(default=60.0, gt=0)
    """Seconds the gate gives each doc's runnable examples in the sandbox."""

    @field_validator("packages")
    @classmethod
    def _dotted(cls, packages: list[str]) -> list[str]:
        for name in packages:
            if not all(part.isidentifier() for part in name.split(".")):
                raise ValueError(f"{name!r} is not an importable name (e.g. 'mypkg' or 'mypkg.api')")
        return packages
