"""What a human reads about ``sync_docs`` work: the PR title, the rationale, and the PR body's own section
(a table of API changes, what was updated where, and what is flagged for review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentfleet.contracts import DocsInconsistency, Job, SyncDocs
from agentfleet.core.diffs import parse_diff
from agentfleet.core.errors import PermanentError
from agentfleet.core.markdown import cell, code
from agentfleet.flow.monitors.docs_drift.describe import describe_change
from agentfleet.flow.monitors.docs_drift.issues import PLACEHOLDER

if TYPE_CHECKING:
    from agentfleet.core.fleet import RepoConfig

__all__ = ["placeholders_left", "rationale", "section", "title"]


def title(job: Job) -> str:
    """The subject of a ``sync_docs`` PR title: ``update the docs of pkg.fetch, pkg.Client``."""
    symbols = list(getattr(job.item, "symbols", ()))
    shown = ", ".join(s.removeprefix("cli:") for s in symbols[:3]) + (" …" if len(symbols) > 3 else "")
    return f"update the docs of {shown}"[:160]


def _place(item: DocsInconsistency) -> str:
    """``file:line``, the file alone, or ``-`` when the item is about no file."""
    return f"{item.file}:{item.line}" if item.line else item.file or "-"


def _where(item: DocsInconsistency) -> str:
    return code(_place(item))


def placeholders_left(diff: str) -> list[str]:
    """``file:line`` of every added line of ``diff`` that still holds a placeholder."""
    try:
        patched = parse_diff(diff)
    except PermanentError:  # an unparsable diff is the gate's to reject; here it just has no placeholders to list
        return []
    return [
        f"{f.path}:{line.target_line_no}"
        for f in patched
        for hunk in f
        for line in hunk
        if line.is_added and PLACEHOLDER in line.value
    ]


def rationale(done: list[DocsInconsistency], flagged: list[DocsInconsistency], placeholders: int) -> str:
    """The fixer's markdown: what it changed and what it left."""
    lines = [f"Brought {len(done)} doc place(s) in line with the code (docstrings, prose, examples, changelog)."]
    lines += [f"- {_place(i)} {i.message}" for i in done[:40]]
    if placeholders:
        lines.append(f"{placeholders} new entr(y/ies) carry a `{PLACEHOLDER}` sentence: a description to write.")
    if flagged:
        lines.append(f"{len(flagged)} place(s) need a human (flagged, not guessed):")
        lines += [f"- {_place(i)} {i.message}" for i in flagged[:40]]
    return "\n".join(lines)


def section(job: Job, repo: RepoConfig | None = None) -> list[str]:
    """The API-change table, what was updated where, and the flagged items."""
    item = job.item
    assert isinstance(item, SyncDocs)
    lines = ["", "## API changes", "", "| symbol | change | old → new |", "| --- | --- | --- |"]
    for change in item.changes:
        old_new = f"{change.old or '-'} → {change.new or '(removed)'}"
        lines.append(f"| {code(change.symbol)} | {cell(describe_change(change))} | {cell(old_new)} |")
    fixable = [i for i in item.inconsistencies if i.action != "review"]
    review = [i for i in item.inconsistencies if i.action == "review"]
    lines += ["", "## Updated", ""]
    lines += [f"- {_where(i)}: {cell(i.message, 200)}" for i in fixable] or ["- nothing the offline fixer could change"]
    left = placeholders_left(job.patch.diff) if job.patch is not None else []
    if review or left:
        lines += ["", "## Flagged for review", ""]
        lines += [f"- {_where(i)}: {cell(i.message, 200)}" for i in review]
        lines += [f"- {code(where)}: a `{PLACEHOLDER}` placeholder to replace with a description" for where in left]
    return lines
