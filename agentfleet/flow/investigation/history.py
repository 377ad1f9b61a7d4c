"""Commits that deleted lines of a function: blame shows only the lines that are still there, so a
commit that only removed a guard is invisible to it. ``git log -L`` follows the function's lines back
through history, diffs included; every ``-`` line in a commit's diff is a line it deleted, every ``+`` one it
added; a commit with more of the first (a guard dropped, three lines folded into one) removed lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from agentfleet.contracts import SuspectCommit
from agentfleet.flow.investigation.source import SourceRepo

__all__ = ["HISTORY_LIMIT", "Removal", "removals"]

HISTORY_LIMIT = 20
"""The newest commits that changed the function's lines, read back from the investigated commit."""


@dataclass(frozen=True)
class Removal:
    """A commit that deleted more of the function's lines than it added, and how many more."""

    sha: str
    author: str
    email: str
    stamp: str
    summary: str
    removed: int

    def suspect(self, path: str) -> SuspectCommit:
        """This commit as a suspect that has no line left in the file."""
        at = datetime.fromtimestamp(int(self.stamp), UTC) if self.stamp.isdigit() else None
        return SuspectCommit(
            sha=self.sha,
            author=self.author,
            author_email=self.email,
            authored_at=at,
            summary=self.summary,
            path=path,
            lines=(),
            removed=self.removed,
        )


def _parse(text: str) -> list[Removal]:
    found: list[Removal] = []
    header: list[str] | None = None
    net, in_hunk = 0, False
    for line in [*text.splitlines(), "\0"]:
        if line.startswith("\0"):
            if header is not None and len(header) == 5 and net > 0:
                sha, author, email, stamp, summary = header
                found.append(Removal(sha, author, email, stamp, summary, removed=net))
            header, net, in_hunk = line[1:].split("\0", 4), 0, False
        elif line.startswith(("@@", "diff --git")):
            in_hunk = line.startswith("@@")
        elif in_hunk and line[:1] in ("-", "+"):
            net += 1 if line[0] == "-" else -1
    return found


def removals(source: SourceRepo, commit: str, path: str, start: int, end: int) -> dict[str, Removal]:
    """The commits among the newest ``HISTORY_LIMIT`` to change lines ``start``–``end`` of ``path`` that
    deleted more lines there than they added, by SHA."""
    return {r.sha: r for r in _parse(source.line_log(commit, path, start, end, HISTORY_LIMIT))}
