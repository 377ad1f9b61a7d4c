"""Suspect commits from ``git blame`` on what the crash's frames ran, and related tests by grep.

The crashing function's lines are blamed whole and the commits ranked most recent first: a bug
usually comes in with a recent change near the crash, not with the old line that finally raised.
A commit that only deleted lines of the function (a dropped guard) leaves nothing to blame, so the
function's recent history (``history.removals``) adds it. The calling frames' own lines follow.
Each suspect says why it is one.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath

from agentfleet.contracts import CodeLocation, SuspectCommit
from agentfleet.flow.investigation.history import removals
from agentfleet.flow.investigation.source import SourceRepo

__all__ = [
    "BLAME_RADIUS",
    "TEST_PATHSPECS",
    "function_span",
    "parse_porcelain",
    "related_tests",
    "Suspect",
    "suspects",
]

BLAME_RADIUS = 3
"""Lines either side of the crash line that are blamed when it is in no function."""
TEST_PATHSPECS = [":(glob)**/test_*.py", ":(glob)**/*_test.py", ":(glob)**/tests/**/*.py", ":(glob)**/test/**/*.py"]


@dataclass
class _Commit:
    sha: str
    meta: dict[str, str] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


def parse_porcelain(text: str) -> list[_Commit]:
    """Commits in ``git blame --porcelain`` output, in order of first appearance, with their final line numbers."""
    commits: dict[str, _Commit] = {}
    current: _Commit | None = None
    for line in text.splitlines():
        if line.startswith("\t"):
            continue
        head, _, rest = line.partition(" ")
        if len(head) == 40 and all(c in "0123456789abcdef" for c in head):
            current = commits.setdefault(head, _Commit(head))
            current.lines.append(int(rest.split()[1]))
        elif current is not None and head in ("author", "author-mail", "author-time", "summary"):
            current.meta.setdefault(head, rest)
    return list(commits.values())


def _suspect(commit: _Commit, path: str, crash_line: int) -> SuspectCommit:
    stamp = commit.meta.get("author-time", "")
    return SuspectCommit(
        sha=commit.sha,
        author=commit.meta.get("author", "?"),
        author_email=commit.meta.get("author-mail", "").strip("<>"),
        authored_at=datetime.fromtimestamp(int(stamp), UTC) if stamp.isdigit() else None,
        summary=commit.meta.get("summary", ""),
        path=path,
        lines=tuple(sorted(commit.lines)),
        on_crash_line=crash_line in commit.lines,
    )


def function_span(lines: Sequence[str], lineno: int) -> tuple[int, int, str] | None:
    """``(first, last, name)`` of the innermost function around ``lineno``; ``None`` outside any function."""
    try:
        tree = ast.parse("\n".join(lines))
    except (SyntaxError, ValueError):
        return None
    found = None
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for node in functions:
        inside = node.lineno <= lineno <= (node.end_lineno or 0)
        if inside and (found is None or node.lineno >= found[0]):  # the innermost one starts last
            found = (node.lineno, node.end_lineno or node.lineno, node.name)
    return found


@dataclass(frozen=True)
class Suspect:
    """A suspect commit and why it is one."""

    commit: SuspectCommit
    reason: str

    @property
    def note(self) -> str:
        """One line for the report's notes."""
        c = self.commit
        when = c.authored_at.date().isoformat() if c.authored_at else "undated"
        return f"suspect {c.sha[:12]} ({c.author}, {when}): {self.reason}"


def _blamed(source: SourceRepo, commit: str, path: str, span: tuple[int, int], crash_line: int) -> list[SuspectCommit]:
    text = source.blame(commit, path, *span)
    return [_suspect(c, path, crash_line) for c in parse_porcelain(text) if set(c.sha) != {"0"}]


def _recent_first(found: list[SuspectCommit], crash_line: int = 0) -> list[SuspectCommit]:
    """Most recent first; on a tie, the crash line's commit, then the nearest."""

    def key(s: SuspectCommit) -> tuple[float, bool, int]:
        stamp = s.authored_at.timestamp() if s.authored_at else 0.0
        return -stamp, not s.on_crash_line, min((abs(n - crash_line) for n in s.lines), default=1 << 30)

    return sorted(found, key=key)


def _with_removals(
    source: SourceRepo, commit: str, path: str, span: tuple[int, int], blamed: list[SuspectCommit]
) -> list[SuspectCommit]:
    """``blamed`` with the lines each deleted, plus the commits that only deleted lines (blame misses them)."""
    gone = removals(source, commit, path, *span)
    found = [s.model_copy(update={"removed": gone[s.sha].removed}) if s.sha in gone else s for s in blamed]
    shown = {s.sha for s in blamed}
    return found + [r.suspect(path) for sha, r in gone.items() if sha not in shown]


def _crash_span(source: SourceRepo, commit: str, site: CodeLocation) -> tuple[int, int, str | None]:
    """The crashing function's lines and name (else the crash line and its neighbours, and ``None``)."""
    assert site.path is not None
    assert site.lineno
    lines = source.lines(commit, site.path)
    span = function_span(lines, site.lineno)
    if span is not None:
        return span
    return max(1, site.lineno - BLAME_RADIUS), min(len(lines), site.lineno + BLAME_RADIUS), None


def _where(lines: Sequence[int], crash_line: int) -> str:
    nearest = min(lines, key=lambda n: abs(n - crash_line))
    gap = abs(nearest - crash_line)
    side = "above" if nearest < crash_line else "below"
    shown = ", ".join(map(str, lines[:5])) + (", …" if len(lines) > 5 else "")
    return f"line{'s' if len(lines) > 1 else ''} {shown}, {gap} line{'s' if gap != 1 else ''} {side} the crash"


def _reason(s: SuspectCommit, first: bool, crash_line: int, place: str) -> str:
    gone = f"removed {s.removed} line{'s' if s.removed != 1 else ''} from {place}"
    if s.on_crash_line:
        others = [n for n in s.lines if n != crash_line]
        why = f"last changed the crash line {crash_line}" + (f" (and {_where(others, crash_line)})" if others else "")
    elif not s.lines:
        return f"{'most recent change' if first else 'changed'} in {place}: {gone} (blame cannot show deleted lines)"
    else:
        why = f"{'most recent change' if first else 'changed'} in {place} ({_where(s.lines, crash_line)})"
    return why + (f"; also {gone}" if s.removed else "")


def _near(found: list[SuspectCommit], crash_line: int, function: str | None) -> list[Suspect]:
    place = f"`{function}`" if function else "the lines around the crash"
    return [Suspect(s, _reason(s, i == 0, crash_line, place)) for i, s in enumerate(found)]


def _callers(
    source: SourceRepo, commit: str, site: CodeLocation, callers: Sequence[CodeLocation], seen: set[tuple[str, str]]
) -> list[Suspect]:
    found: list[SuspectCommit] = []
    names: dict[tuple[str, int], str] = {}
    for frame in callers:
        if frame.path is None or not frame.lineno or (frame.path, frame.lineno) == (site.path, site.lineno):
            continue
        names[(frame.path, frame.lineno)] = frame.function
        for suspect in _blamed(source, commit, frame.path, (frame.lineno, frame.lineno), 0):
            if (suspect.sha, suspect.path) not in seen:
                seen.add((suspect.sha, suspect.path))
                found.append(suspect)
    ranked = []
    for s in _recent_first(found):
        caller = next((names[(s.path, n)] for n in s.lines if (s.path, n) in names), "?")
        why = f"last changed line {', '.join(map(str, s.lines))} of {s.path}, run by the calling frame `{caller}`"
        ranked.append(Suspect(s, why))
    return ranked


def suspects(
    source: SourceRepo, commit: str, site: CodeLocation, callers: Sequence[CodeLocation] = ()
) -> list[Suspect]:
    """Commits that last changed the lines the crash's frames ran, each with its reason: the crashing
    function's lines first, most recent first (a fresh change near the crash beats an old one that only
    touched the crash line), then the calling frames' lines, most recent first."""
    if site.path is None or not site.lineno:
        return []
    start, end, function = _crash_span(source, commit, site)
    if end < start:
        return []
    blamed = _blamed(source, commit, site.path, (start, end), site.lineno)
    found = _recent_first(_with_removals(source, commit, site.path, (start, end), blamed), site.lineno)
    seen = {(s.sha, s.path) for s in found}
    return _near(found, site.lineno, function) + _callers(source, commit, site, callers, seen)


def related_tests(source: SourceRepo, commit: str, sites: list[CodeLocation], limit: int = 10) -> list[str]:
    """Test files that mention the crashing functions or modules, the most mentions (innermost first) first."""
    words: list[str] = []
    for site in reversed(sites):
        if site.path is None:
            continue
        for word in (site.function, PurePosixPath(site.path).stem):
            if word.isidentifier() and word not in words and word not in ("__init__", "<module>"):
                words.append(word)
    if not words:
        return []
    weights = {w: len(words) - i for i, w in enumerate(words)}
    mentions = source.grep(commit, words, TEST_PATHSPECS)
    ranked = sorted(mentions, key=lambda path: (-sum(weights[w] for w in mentions[path]), path))
    return ranked[:limit]
