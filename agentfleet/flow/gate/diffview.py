"""A patch as the gate reads it: which files, which lines added and removed, split by file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agentfleet.core.diffs import parse_diff

__all__ = ["DiffView", "PatchedFile"]


@dataclass(frozen=True)
class PatchedFile:
    """One file in a patch."""

    path: str
    """Path after the patch (the old path for a deleted file)."""
    old_path: str | None
    """Path before the patch; ``None`` for an added file."""
    added: tuple[tuple[int, str], ...]
    """(line number after the patch, text) of every added line."""
    removed: tuple[tuple[int, str], ...]
    """(line number before the patch, text) of every removed line."""
    deleted: bool
    diff: str
    """This file's part of the unified diff."""

    @property
    def paths(self) -> set[str]:
        """Every path this change touches (both sides of a rename)."""
        return {self.path, *([self.old_path] if self.old_path else [])}

    @property
    def added_lines(self) -> set[int]:
        """Line numbers (after the patch) this change adds."""
        return {lineno for lineno, _ in self.added}


@dataclass(frozen=True)
class DiffView:
    """Every file a unified diff touches."""

    files: tuple[PatchedFile, ...]

    @classmethod
    def parse(cls, diff: str) -> DiffView:
        """Read ``diff``; ``PermanentError`` when it is not a unified diff."""
        files = []
        for patched in parse_diff(diff):
            lines = [line for hunk in patched for line in hunk]
            files.append(
                PatchedFile(
                    path=patched.path,
                    old_path=None if patched.is_added_file else patched.source_file.removeprefix("a/"),
                    added=tuple((ln.target_line_no or 0, ln.value.rstrip("\n")) for ln in lines if ln.is_added),
                    removed=tuple((ln.source_line_no or 0, ln.value.rstrip("\n")) for ln in lines if ln.is_removed),
                    deleted=patched.is_removed_file,
                    diff=str(patched),
                )
            )
        return cls(tuple(files))

    @property
    def paths(self) -> set[str]:
        """Every path the patch touches."""
        return {path for change in self.files for path in change.paths}

    @property
    def changed_lines(self) -> int:
        """Added plus removed lines."""
        return sum(len(change.added) + len(change.removed) for change in self.files)

    def split(self, predicate: Callable[[PatchedFile], bool]) -> tuple[str, str]:
        """The diff of the files ``predicate`` accepts, and the diff of the others."""
        chosen = "".join(change.diff for change in self.files if predicate(change))
        rest = "".join(change.diff for change in self.files if not predicate(change))
        return chosen, rest
