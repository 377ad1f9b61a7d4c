"""Suspect commits from ``git blame`` on the crash line and its neighbours, and related tests by grep."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath

from agentfleet.contracts import CodeLocation, SuspectCommit
from agentfleet.flow.investigation.source import SourceRepo

__all__ = ["BLAME_RADIUS", "TEST_PATHSPECS", "parse_porcelain", "related_tests", "suspects"]

BLAME_RADIUS = 3
"""Lines either side of the crash line that are blamed too."""
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


def suspects(source: SourceRepo, commit: str, site: CodeLocation) -> list[SuspectCommit]:
    """Commits that last changed the crash line (first) or the lines around it (then by distance)."""
    if site.path is None or not site.lineno:
        return []
    last = site.context[-1].lineno if site.context else site.lineno
    start, end = max(1, site.lineno - BLAME_RADIUS), min(last, site.lineno + BLAME_RADIUS)
    if end < start:
        return []
    found = [
        _suspect(c, site.path, site.lineno)
        for c in parse_porcelain(source.blame(commit, site.path, start, end))
        if set(c.sha) != {"0"}  # uncommitted lines never appear at a commit, but be safe
    ]
    line = site.lineno
    return sorted(found, key=lambda s: (not s.on_crash_line, min(abs(n - line) for n in s.lines)))


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
