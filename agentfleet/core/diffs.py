"""Unified diffs: write ones ``git apply`` takes (one file changed or created), parse them, and apply them to
a handful of files held in memory (``git apply`` in a scratch repo)."""

from __future__ import annotations

import difflib
import tempfile
from collections.abc import Callable
from pathlib import Path

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

from agentfleet.core.errors import PermanentError
from agentfleet.core.git import git, patch_text

__all__ = ["apply_to_files", "changed_lines", "new_file_diff", "parse_diff", "touched_paths", "unified_diff"]


def _terminated(line: str) -> str:
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git apply``-able diff of one file, ``\\ No newline at end of file`` included."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    lines = list(difflib.unified_diff(old, new, fromfile=f"a/{path}", tofile=f"b/{path}", n=3))
    return f"diff --git a/{path} b/{path}\n" + "".join(map(_terminated, lines)) if lines else ""


def new_file_diff(path: str, text: str) -> str:
    """A ``git apply``-able diff creating ``path`` with ``text``."""
    lines = text.splitlines(keepends=True)
    head = f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
    return head + f"@@ -0,0 +1,{len(lines)} @@\n" + "".join("+" + _terminated(line) for line in lines)


def _strip(path: str) -> str:
    return path[2:] if path.startswith(("a/", "b/")) else path


def parse_diff(diff: str) -> PatchSet:
    """The diff as a ``unidiff.PatchSet``; ``PermanentError`` when it is not a unified diff."""
    try:
        return PatchSet(diff)
    except UnidiffParseError as exc:
        raise PermanentError(f"the patch is not a valid unified diff: {exc}") from None


def touched_paths(diff: str) -> set[str]:
    """Every path ``diff`` names, before and after (renames, deletions and binary files included);
    ``PermanentError`` when it is not a unified diff."""
    paths = set()
    for patched in parse_diff(diff):
        paths |= {_strip(patched.source_file), _strip(patched.target_file)}
    paths.discard("/dev/null")
    return paths


def changed_lines(diff: str) -> list[str]:
    """The lines ``diff`` removes and adds, each with its ``-`` or ``+`` (for a one-line summary)."""
    return [
        f"{line.line_type}{line.value.rstrip()}"
        for patched in parse_diff(diff)
        for hunk in patched
        for line in hunk
        if line.is_added or line.is_removed
    ]


def apply_to_files(diff: str, original: Callable[[str], str]) -> dict[str, str | None]:
    """Every path the diff touches → its new text (``None`` when deleted or renamed away).

    ``original(path)`` returns the current text of a file the diff modifies, deletes or renames.
    ``PermanentError`` when the diff does not apply (git refuses paths outside the tree).
    """
    patch = parse_diff(diff)
    with tempfile.TemporaryDirectory(prefix="agentfleet-apply-") as tmp:
        root = Path(tmp) / "tree"
        git("init", "-q", str(root))
        for changed in patch:
            if not changed.is_added_file:
                source = _strip(changed.source_file)
                target = root / source
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(original(source), encoding="utf-8")
        (Path(tmp) / "patch.diff").write_text(patch_text(diff), encoding="utf-8")
        try:
            git("apply", "--whitespace=nowarn", str(Path(tmp) / "patch.diff"), cwd=root)
        except PermanentError as exc:
            raise PermanentError(f"the patch does not apply: {exc}") from None
        result: dict[str, str | None] = {}
        for changed in patch:
            if changed.is_rename or changed.is_removed_file:
                result[_strip(changed.source_file)] = None
            if not changed.is_removed_file:
                result[changed.path] = (root / changed.path).read_text(encoding="utf-8")
        return result
