"""What the offline docs fixer changes: the checks re-run at the work's base commit give exact text edits;
edits are applied per file (every other byte kept), overlapping ones are left for review, and a changelog
entry is added when the repo keeps one and the change was made without."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from agentfleet.contracts import DocsInconsistency, SyncDocs
from agentfleet.core.diffs import unified_diff
from agentfleet.flow.fixers.docs.changelog import add_entries
from agentfleet.flow.fixers.docs.pyedits import inside_docstrings
from agentfleet.flow.monitors.docs_drift.audit import head_wanted
from agentfleet.flow.monitors.docs_drift.config import DocsConfig
from agentfleet.flow.monitors.docs_drift.consistency import inspect_docs
from agentfleet.flow.monitors.docs_drift.describe import describe_change
from agentfleet.flow.monitors.docs_drift.issues import PLACEHOLDER, Edit, Issue
from agentfleet.flow.monitors.docs_drift.layout import find_layout
from agentfleet.flow.monitors.docs_drift.reference import documented
from agentfleet.flow.monitors.docs_drift.surface import load_surface
from agentfleet.flow.monitors.docs_drift.trees import Snapshot, export, paths_at

__all__ = ["Plan", "plan_edits"]


@dataclass
class Plan:
    """The files the fixer rewrites, what it resolved, and what it leaves to a human."""

    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)
    done: list[DocsInconsistency] = field(default_factory=list)
    flagged: list[DocsInconsistency] = field(default_factory=list)

    @property
    def diff(self) -> str:
        """The unified diff of every rewritten file."""
        return "".join(unified_diff(path, self.before[path], self.after[path]) for path in sorted(self.after))

    @property
    def placeholders(self) -> int:
        """Placeholder sentences the patch adds (for the agent, or a human, to write)."""
        return sum(text.count(PLACEHOLDER) - self.before[path].count(PLACEHOLDER) for path, text in self.after.items())


def _read(snapshot: Snapshot, path: str) -> str | None:
    """``path``'s exact text (a byte-order mark kept), or ``None``."""
    text = snapshot.text(path)
    if text is not None and (snapshot.root / path).read_bytes().startswith(codecs.BOM_UTF8):
        return "\ufeff" + text
    return text


def _apply(text: str, edits: list[Edit]) -> str:
    """``edits`` applied from the end backwards; insertions at one point keep their order."""
    bom = 1 if text.startswith("\ufeff") else 0
    for _, edit in sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[1].end, pair[0]), reverse=True):
        text = text[: edit.start + bom] + edit.text + text[edit.end + bom :]
    return text


def _accept(issues: list[Issue], plan: Plan) -> dict[str, list[Edit]]:
    """Edits by file; an issue whose edits overlap an accepted one is flagged instead of guessed."""
    by_file: dict[str, list[Edit]] = {}
    for issue in sorted(issues, key=lambda i: (i.item.file, min((e.start for e in i.edits), default=0))):
        if not issue.edits:
            if issue.item.check != "no_update":
                plan.flagged.append(issue.item)
            continue
        taken = [e for edit in issue.edits for e in by_file.get(edit.file, [])]
        if any(a.start < b.end and b.start < a.end for a in issue.edits for b in taken):
            plan.flagged.append(
                issue.item.model_copy(
                    update={"action": "review", "message": issue.item.message + " (overlaps another edit)"}
                )
            )
            continue
        for edit in issue.edits:
            by_file.setdefault(edit.file, []).append(edit)
        plan.done.append(issue.item)
    return by_file


def _confined(snapshot: Snapshot, issues: list[Issue], plan: Plan) -> list[Issue]:
    """The issues whose edits to Python files stay inside docstrings; the others are flagged."""
    kept = []
    for issue in issues:
        python = [e for e in issue.edits if e.file.endswith((".py", ".pyi"))]
        text = snapshot.text(python[0].file) if python else None
        if python and (text is None or not inside_docstrings(text, python)):
            why = " (the edit would reach outside a docstring)"
            plan.flagged.append(issue.item.model_copy(update={"action": "review", "message": issue.item.message + why}))
            continue
        kept.append(issue)
    return kept


def plan_edits(git_dir: str | Path, commit: str, item: SyncDocs, config: DocsConfig) -> Plan:
    """The edits that bring ``commit``'s docs in line with ``item``'s changes."""
    plan = Plan()
    layout = find_layout(paths_at(git_dir, commit), config)
    with export(git_dir, commit, head_wanted(layout)) as snapshot:
        surface = load_surface(snapshot.root, layout.packages, documented(snapshot.text(p) for p in layout.docs))
        inspection = inspect_docs(snapshot, layout, surface, list(item.changes), config)
        issues = [i for symbol in item.symbols for i in inspection.issues.get(symbol, [])]
        issues = _confined(snapshot, issues, plan)
        for path, edits in _accept(issues, plan).items():
            text = _read(snapshot, path)
            if text is not None:
                plan.before[path], plan.after[path] = text, _apply(text, edits)
        changelog = [i for i in item.inconsistencies if i.check == "no_update"]
        if changelog and layout.changelog and changelog[0].action == "changelog":
            text = _read(snapshot, layout.changelog)
            if text is not None:
                entries = [describe_change(c) for c in item.changes]
                plan.before[layout.changelog], plan.after[layout.changelog] = (
                    text,
                    add_entries(layout.changelog, text, entries),
                )
                plan.done += changelog
        else:
            plan.flagged += [i for i in changelog if i.action == "review"]
    plan.after = {p: t for p, t in plan.after.items() if t != plan.before[p]}
    return plan
