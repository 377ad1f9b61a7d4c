"""Write unified diffs that ``git apply`` takes: one file changed, or one file created."""

from __future__ import annotations

import difflib

__all__ = ["new_file_diff", "unified_diff"]


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
