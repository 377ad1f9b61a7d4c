"""What a check returns: an inconsistency (the contract's) and the exact text edits that resolve it, if any."""

from __future__ import annotations

from dataclasses import dataclass

from agentfleet.contracts import ApiChange, DocsInconsistency

__all__ = ["PLACEHOLDER", "Edit", "Issue", "docstring_issue", "line_of"]

PLACEHOLDER = "TODO(agentfleet):"
"""Marks text the offline fixer could not write (a description); the gate never auto-merges a patch with one."""


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of one file's text with ``text`` (offsets in characters)."""

    file: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Issue:
    """One inconsistency and the edits that resolve it (none: flagged for review, or written by the fixer)."""

    item: DocsInconsistency
    edits: tuple[Edit, ...] = ()

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """Identity that survives line shifts: check, symbol, file, old text, action."""
        return self.item.check, self.item.symbol, self.item.file, self.item.old, self.item.action


def line_of(text: str, offset: int) -> int:
    """1-based line number of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def docstring_issue(
    change: ApiChange,
    file: str,
    text: str,
    at: int,
    action: str,
    old: str,
    new: str,
    message: str,
    edits: tuple[Edit, ...] = (),
) -> Issue:
    """A docstring inconsistency of ``change`` at offset ``at`` of ``file``'s ``text``."""
    item = DocsInconsistency(
        check="docstring",
        symbol=change.symbol,
        file=file,
        line=line_of(text, at),
        old=old,
        new=new,
        action=action,
        message=message,  # type: ignore[arg-type]
    )
    return Issue(item=item, edits=edits)
