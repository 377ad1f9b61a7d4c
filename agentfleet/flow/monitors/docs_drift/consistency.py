"""Checks 1 and 2 at one commit: for given API changes, every place the docstrings, prose and examples disagree.

The monitor runs this at the audited head, the fixer at the work's base commit (to get exact edits), the gate
on the patched tree (to prove the inconsistencies are gone): one implementation, so they cannot disagree.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from agentfleet.contracts import ApiChange
from agentfleet.flow.monitors.docs_drift.config import DocsConfig
from agentfleet.flow.monitors.docs_drift.deprecations import check_deprecations
from agentfleet.flow.monitors.docs_drift.docfiles import parse_doc
from agentfleet.flow.monitors.docs_drift.docstrings import check_docstring
from agentfleet.flow.monitors.docs_drift.examples import check_examples
from agentfleet.flow.monitors.docs_drift.issues import Issue
from agentfleet.flow.monitors.docs_drift.layout import RepoLayout
from agentfleet.flow.monitors.docs_drift.param_pages import check_param_pages
from agentfleet.flow.monitors.docs_drift.prose import check_options, check_prose
from agentfleet.flow.monitors.docs_drift.reference import check_reference
from agentfleet.flow.monitors.docs_drift.surface import Surface
from agentfleet.flow.monitors.docs_drift.trees import Snapshot

__all__ = ["Inspection", "inspect_docs"]

log = logging.getLogger(__name__)


@dataclass
class Inspection:
    """Issues by symbol, and what could not be checked."""

    issues: dict[str, list[Issue]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, found: list[Issue]) -> None:
        """File ``found`` under their symbols, once each."""
        for issue in found:
            bucket = self.issues.setdefault(issue.item.symbol, [])
            if all(other.key != issue.key or other.item.line != issue.item.line for other in bucket):
                bucket.append(issue)


def _docstrings(
    head: Snapshot, surface: Surface, changes: list[ApiChange], config: DocsConfig, out: Inspection
) -> None:
    for change in changes:
        symbol = surface.symbols.get(change.symbol)
        if change.change == "removed" or symbol is None or symbol.kind not in {"function", "class"}:
            continue
        text = head.text(symbol.file)
        if text is None:
            continue
        found, problems = check_docstring(change, symbol, text, config.style)
        out.add(found)
        out.problems += problems


def inspect_docs(
    head: Snapshot,
    layout: RepoLayout,
    surface: Surface,
    changes: list[ApiChange],
    config: DocsConfig,
    *,
    deadline: float | None = None,
) -> Inspection:
    """Inconsistencies the ``changes`` left in ``head``'s docstrings and doc files (read until ``deadline``, a
    ``time.monotonic()`` value; files left unread are reported as a problem)."""
    out = Inspection()
    if not changes:
        return out
    _docstrings(head, surface, changes, config, out)
    unread: list[str] = []
    texts: dict[str, str] = {}
    for path in layout.docs:
        if deadline is not None and time.monotonic() > deadline:
            unread.append(path)
            continue
        text = head.text(path)
        if text is None:
            if path in head.paths:
                out.problems.append(f"{path}: not UTF-8 text (binary?): not checked")
            continue
        if len(text) > config.max_file_bytes:
            out.problems.append(f"{path}: {len(text)} characters > max_file_bytes={config.max_file_bytes}: not checked")
            continue
        texts[path] = text
        doc = parse_doc(path, text)
        found, problems = check_examples(doc, changes, surface)
        out.add(found)
        out.add(check_prose(doc, changes, surface))
        out.add(check_options(doc, changes))
        out.problems += problems
    out.add(check_reference(texts, changes, surface.symbols))
    out.add(check_deprecations(texts, changes, surface))
    out.add(check_param_pages(texts, changes, surface))
    if unread:
        shown = ", ".join(unread[:5]) + (" …" if len(unread) > 5 else "")
        out.problems.append(
            f"{len(unread)} doc file(s) not read within time_budget_s={config.time_budget_s:g}: {shown}"
        )
    return out
