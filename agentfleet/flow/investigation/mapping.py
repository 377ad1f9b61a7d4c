"""Map reported stack frames onto repository files at a commit, with the code around each line.

Production paths rarely equal repository paths (``/app/src/shop/cart.py`` vs ``src/shop/cart.py``),
so a frame maps by the longest path suffix that names a repo file, then by its module name.
"""

from __future__ import annotations

from collections.abc import Sequence

from agentfleet.contracts import CodeLine, CodeLocation, Frame
from agentfleet.flow.investigation.source import SourceRepo

__all__ = ["CONTEXT_LINES", "SuffixIndex", "locate"]

CONTEXT_LINES = 5


class SuffixIndex:
    """Repository paths by every trailing run of their components (shortest path wins a tie)."""

    def __init__(self, files: Sequence[str]) -> None:
        self._by_suffix: dict[str, str] = {}
        for path in sorted(files, key=lambda p: (p.count("/"), p)):
            parts = path.split("/")
            for i in range(len(parts)):
                self._by_suffix.setdefault("/".join(parts[i:]), path)

    def find(self, reported: str) -> str | None:
        """The repo path whose longest suffix matches ``reported`` (a path as production saw it)."""
        parts = [p for p in reported.replace("\\", "/").split("/") if p not in ("", ".")]
        for i in range(len(parts)):
            found = self._by_suffix.get("/".join(parts[i:]))
            if found:
                return found
        return None

    def path_of(self, frame: Frame) -> str | None:
        """The repo file ``frame`` ran in, if it is one of the repo's files."""
        for reported in (frame.abs_path, frame.filename):
            found = self.find(reported) if reported else None
            if found:
                return found
        if frame.module and frame.module != "__main__":
            stem = frame.module.replace(".", "/")
            return self._by_suffix.get(f"{stem}.py") or self._by_suffix.get(f"{stem}/__init__.py")
        return None


def _context(lines: list[str], lineno: int | None) -> tuple[CodeLine, ...]:
    if not lineno or lineno > len(lines):
        return ()
    first, last = max(1, lineno - CONTEXT_LINES), min(len(lines), lineno + CONTEXT_LINES)
    return tuple(CodeLine(lineno=n, text=lines[n - 1]) for n in range(first, last + 1))


def locate(source: SourceRepo, commit: str, frames: Sequence[Frame]) -> list[CodeLocation]:
    """A location for every in-app frame (innermost last); ``path`` is ``None`` where none maps."""
    index = SuffixIndex(source.files(commit))
    cache: dict[str, list[str]] = {}
    located = []
    for i, frame in enumerate(frames):
        if not frame.in_app:
            continue
        path = index.path_of(frame)
        if path is not None and path not in cache:
            cache[path] = source.lines(commit, path)
        lines = cache.get(path or "", [])
        context = _context(lines, frame.lineno) if path else ()
        actual = lines[frame.lineno - 1] if path and frame.lineno and frame.lineno <= len(lines) else None
        matches = None if actual is None or frame.context_line is None else actual.strip() == frame.context_line.strip()
        located.append(
            CodeLocation(
                frame_index=i,
                reported=frame.abs_path or frame.filename,
                path=path,
                function=frame.function,
                lineno=frame.lineno,
                context=context,
                line_matches=matches,
            )
        )
    return located
