"""What a template family writes at a line of a small source text (for the family tests)."""

from __future__ import annotations

import textwrap

from agentfleet.flow.fixers.repair.source import Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at


def outcomes(text: str, line: int, family: str) -> set[str]:
    """The whole new text of every ``family`` edit at ``line``."""
    src = SourceFile("m.py", textwrap.dedent(text))
    return {src.apply(edit) for edit in edits_at(Site(src, line)) if edit.template == family}


def new_lines(text: str, line: int, family: str) -> set[str]:
    """The new text of ``line`` under every ``family`` edit there (edits that keep the line count)."""
    n = textwrap.dedent(text).count("\n")
    return {t.splitlines()[line - 1].strip() for t in outcomes(text, line, family) if t.count("\n") == n}


def tiers(text: str, line: int) -> dict[str, int]:
    """The new text of ``line`` under every edit there that keeps the line count, with its lowest tier."""
    src = SourceFile("m.py", textwrap.dedent(text))
    n = src.text.count("\n")
    found: dict[str, int] = {}
    for edit in edits_at(Site(src, line)):
        new = src.apply(edit)
        if new.count("\n") == n:
            key = new.splitlines()[line - 1].strip()
            found[key] = min(found.get(key, edit.tier), edit.tier)
    return found
