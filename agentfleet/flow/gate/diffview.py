"""A patch as the gate reads it: which files, which lines added and removed — computed from the texts
before and after (as git applied the patch), never from the diff's own hunks."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["DiffView", "PatchedFile", "text_lines"]


def text_lines(text: str | None) -> list[str]:
    """The lines of ``text`` as Python and ruff number them (``\\n``, ``\\r\\n`` and ``\\r`` end a line)."""
    if not text:
        return []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines[-1] == "" else lines


@dataclass(frozen=True)
class PatchedFile:
    """One file in a patch."""

    path: str
    added: tuple[tuple[int, str], ...]
    """(line number after the patch, text) of every added line."""
    removed: tuple[tuple[int, str], ...]
    """(line number before the patch, text) of every removed line."""
    deleted: bool
    created: bool = False
    """The file is new: absent before the patch."""

    @property
    def paths(self) -> set[str]:
        """Every path this change touches."""
        return {self.path}

    @property
    def added_lines(self) -> set[int]:
        """Line numbers (after the patch) this change adds."""
        return {lineno for lineno, _ in self.added}

    @classmethod
    def of(cls, path: str, before: str | None, after: str | None) -> PatchedFile:
        """The lines ``after`` adds to ``before`` and removes from it (``None``: absent)."""
        old, new = text_lines(before), text_lines(after)
        added: list[tuple[int, str]] = []
        removed: list[tuple[int, str]] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag in ("replace", "delete"):
                removed += [(i + 1, old[i]) for i in range(i1, i2)]
            if tag in ("replace", "insert"):
                added += [(j + 1, new[j]) for j in range(j1, j2)]
        return cls(path, tuple(added), tuple(removed), deleted=after is None, created=before is None)


@dataclass(frozen=True)
class DiffView:
    """Every file a patch touches."""

    files: tuple[PatchedFile, ...]
    before: dict[str, str | None] = field(default_factory=dict, compare=False)
    """Path → text of every touched file before the patch (``None``: absent)."""
    after: dict[str, str | None] = field(default_factory=dict, compare=False)
    """Path → text of every touched file after the patch (``None``: absent)."""

    @classmethod
    def of(cls, before: Mapping[str, str | None], after: Mapping[str, str | None]) -> DiffView:
        """The view of the changes from ``before`` to ``after`` (path → text, ``None``: absent)."""
        paths = sorted(set(before) | set(after))
        files = tuple(PatchedFile.of(path, before.get(path), after.get(path)) for path in paths)
        return cls(files, dict(before), dict(after))

    @property
    def paths(self) -> set[str]:
        """Every path the patch touches."""
        return {path for change in self.files for path in change.paths}

    @property
    def changed_lines(self) -> int:
        """Added plus removed lines."""
        return sum(len(change.added) + len(change.removed) for change in self.files)
