"""Audit one range of a repository's history: the public API at the two ends (griffe, static), every change,
every doc it left stale (checks 1 and 2), and changes made with no doc update at all (check 3).

Nothing from the repository is imported or run: both trees are written out of git into temporary directories.
Files that do not parse are skipped and reported, so a syntax error never reads as a removed API.
"""

from __future__ import annotations

import ast
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agentfleet.contracts import ApiChange, DocsEvidence, DocsInconsistency
from agentfleet.flow.monitors.docs_drift.changes import api_changes, breakage_lines, respelled
from agentfleet.flow.monitors.docs_drift.config import DocsConfig
from agentfleet.flow.monitors.docs_drift.consistency import Inspection, inspect_docs
from agentfleet.flow.monitors.docs_drift.describe import describe_change
from agentfleet.flow.monitors.docs_drift.issues import Issue
from agentfleet.flow.monitors.docs_drift.layout import RepoLayout, find_layout
from agentfleet.flow.monitors.docs_drift.options import declared_options, option_changes
from agentfleet.flow.monitors.docs_drift.raises import raised_names
from agentfleet.flow.monitors.docs_drift.reference import documented
from agentfleet.flow.monitors.docs_drift.surface import Surface, load_surface
from agentfleet.flow.monitors.docs_drift.trees import Commit, Snapshot, changed_files, commits_between, export, paths_at

__all__ = ["AuditReport", "audit", "head_wanted"]

log = logging.getLogger(__name__)

_SOURCE_BYTES = 10_000_000
"""Python files up to this size are read (a larger one is skipped on both sides and reported)."""


@dataclass
class AuditReport:
    """What one audit found."""

    base: str
    head: str
    layout: RepoLayout
    changes: list[ApiChange] = field(default_factory=list)
    inspection: Inspection = field(default_factory=Inspection)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def head_wanted(layout: RepoLayout):  # type: ignore[no-untyped-def]
    """The files a check at a commit reads: package sources, doc files, the changelog."""
    docs = set(layout.docs)
    return lambda p: layout.is_source(p) or p in docs or p == layout.changelog


def _source_at_either(head: RepoLayout, base: RepoLayout) -> Callable[[str], bool]:
    """A package source at the head or at the base: a package moved to ``src/`` (or a module made a package)
    in the range is compared from where it was to where it is."""
    return lambda p: head.is_source(p) or base.is_source(p)


def _unreadable(snapshot: Snapshot, surface: Surface, path: str, problems: list[str]) -> bool:
    """``path`` exists at ``snapshot`` but griffe loaded no module from it because it does not parse."""
    if path in surface.files or path not in snapshot.paths:
        return False
    try:
        ast.parse(snapshot.text(path) or "")
    except (SyntaxError, ValueError) as exc:
        where = f" at line {exc.lineno}" if isinstance(exc, SyntaxError) and exc.lineno else ""
        problems.append(
            f"{path}: does not parse{where} in {snapshot.commit[:12]} ({exc.__class__.__name__}): "
            "its symbols were skipped"
        )
        return True
    return False  # not a module of the package (a script, a directory without __init__.py)


def _enrich(changes: list[ApiChange], old: Surface, new: Surface, sources: set[str]) -> list[ApiChange]:
    """Add raises differences (functions in changed files) and griffe's breaking-change lines."""
    breaking = breakage_lines(old, new)
    by_symbol = {c.symbol: c for c in changes}
    for path, after in new.symbols.items():
        before = old.symbols.get(path)
        if after.kind != "function" or before is None or before.kind != "function" or after.file not in sources:
            continue
        was, now = raised_names(before.obj.source), raised_names(after.obj.source)
        if was != now:
            base = by_symbol.get(path) or ApiChange(
                symbol=path,
                change="changed",
                old=before.signature(),
                new=after.signature(),
                path=after.file,
                line=after.line,
            )
            by_symbol[path] = base.model_copy(
                update={"raises_added": tuple(sorted(now - was)), "raises_removed": tuple(sorted(was - now))}
            )
    out = []
    for change in by_symbol.values():
        lines = breaking.get(change.symbol, ()) + breaking.get(change.old_symbol or "", ())
        out.append(change.model_copy(update={"breaking": lines}) if lines else change)
    return sorted(out, key=lambda c: c.symbol)


def _options(base: Snapshot, head: Snapshot, sources: list[str]) -> list[ApiChange]:
    declared: list[list] = [[], []]  # type: ignore[type-arg]
    for side, snapshot in enumerate((base, head)):
        for path in sources:
            text = snapshot.text(path)
            if not text or ("add_argument" not in text and "option" not in text and "Option" not in text):
                continue
            try:
                declared[side] += declared_options(path, ast.parse(text)) if text else []
            except (SyntaxError, ValueError):
                continue
    return option_changes(declared[0], declared[1])


def _docstring_changed(change: ApiChange, old: Surface, new: Surface) -> bool:
    """The change came with an edit of the symbol's docstring (a removed symbol's is gone, not updated; a renamed
    one's respelled as its name was is no word on the rename)."""
    if change.change == "removed":
        return False
    after = new.symbols.get(change.symbol)
    before = old.find(change.old_symbol or change.symbol)
    was = before.docstring if before else None
    if was and after and before and change.change == "renamed":
        was = respelled(was, before.name, after.name)
    return (after.docstring if after else None) != was


def _no_update(
    change: ApiChange, commits: list[Commit], report: AuditReport, head: Snapshot, config: DocsConfig
) -> Issue | None:
    """Check 3: the change's commits touched no doc file and no changelog (its docstring counted as a doc), and
    no doc or changelog change in the range names the symbol (docs that caught up in a later commit)."""
    relevant = [c for c in commits if change.path in c.files] or commits
    layout = report.layout
    if any(layout.is_doc_update(f, config.paths) for c in relevant for f in c.files):
        return None
    if _named_by_an_update(change.symbol, commits, report, head, config):
        return None
    shas = ", ".join(c.sha[:10] for c in relevant[:5]) + (" …" if len(relevant) > 5 else "")
    is_file = layout.changelog is not None and not layout.changelog.endswith("/")
    item = DocsInconsistency(
        check="no_update",
        symbol=change.symbol,
        file=layout.changelog or "",
        new=describe_change(change),
        action="changelog" if is_file else "review",
        message=f"changed in {shas} with no doc, changelog or docstring update",
    )
    return Issue(item=item)


def _merge(pending: Sequence[DocsEvidence], changes: list[ApiChange], head: Surface) -> list[ApiChange]:
    """Earlier changes whose docs are still open, combined with this range's changes of the same symbols."""
    by_symbol = {c.symbol: c for c in changes}
    for evidence in pending:
        for earlier in evidence.changes:
            now = by_symbol.get(earlier.symbol)
            if now is None:
                if earlier.change == "removed" or head.symbols.get(earlier.symbol) or earlier.kind == "option":
                    by_symbol[earlier.symbol] = earlier
                continue
            known = {(p.change, p.name) for p in now.params}
            kept = tuple(p for p in earlier.params if (p.change, p.name) not in known)
            by_symbol[earlier.symbol] = now.model_copy(
                update={"old": earlier.old or now.old, "params": kept + now.params}
            )
    return sorted(by_symbol.values(), key=lambda c: c.symbol)


def _named_by_an_update(
    symbol: str, commits: list[Commit], report: AuditReport, head: Snapshot, config: DocsConfig
) -> bool:
    """A doc or changelog change in ``commits`` names ``symbol`` (as the head has it)."""
    named = re.compile(rf"(?<![\w-]){re.escape(symbol.rpartition('.')[2].removeprefix('cli:'))}(?![\w-])")
    for commit in commits:
        for path in commit.files:
            if report.layout.is_doc_update(path, config.paths) and named.search(head.text(path) or ""):
                return True
    return False


def audit(
    git_dir: str | Path, base: str, head: str, config: DocsConfig, pending: Sequence[DocsEvidence] = ()
) -> AuditReport:
    """Audit the commits after ``base`` up to ``head`` (and re-check ``pending`` findings at ``head``)."""
    started = time.monotonic()
    layout = find_layout(paths_at(git_dir, head), config)
    report = AuditReport(base=base, head=head, layout=layout)
    if not layout.packages:
        report.problems.append(
            "no Python package found at the repository root or under src/: set [repos.docs] packages"
        )
    changed = changed_files(git_dir, base, head) if base != head else []
    is_source = _source_at_either(layout, find_layout(paths_at(git_dir, base), config) if changed else layout)
    sources = [p for p in changed if is_source(p)]
    commits = commits_between(git_dir, base, head) if base != head else []
    if not sources and not pending:
        report.seconds = round(time.monotonic() - started, 3)
        return report  # no package source changed and nothing is open: no API change to check
    with export(git_dir, head, head_wanted(layout), max_bytes=_SOURCE_BYTES) as head_tree:
        named = documented(head_tree.text(p) for p in layout.docs)
        new = load_surface(head_tree.root, layout.packages, named)
        changes: list[ApiChange] = []
        updated: set[str] = set()
        if sources:
            with export(git_dir, base, is_source, max_bytes=_SOURCE_BYTES) as base_tree:
                old = load_surface(base_tree.root, layout.packages, named)
                skip = {
                    p
                    for p in sources
                    if _unreadable(base_tree, old, p, report.problems) | _unreadable(head_tree, new, p, report.problems)
                }
                changes = _enrich(api_changes(old, new, skip), old, new, set(sources) - skip)
                changes += _options(base_tree, head_tree, [p for p in sources if p not in skip])
                updated = {c.symbol for c in changes if _docstring_changed(c, old, new)}
                report.problems += [
                    f"{f}: {m}" if f and not m.startswith(f) else m for f, m in old.problems if f in changed
                ]
        report.changes = _merge(pending, changes, new)
        report.problems += [m for f, m in new.problems if f in changed or not f]
        report.inspection = inspect_docs(
            head_tree, layout, new, report.changes, config, deadline=started + config.time_budget_s
        )
        report.problems += report.inspection.problems
        _check_updates(report, commits, config, pending, head_tree, fresh={c.symbol for c in changes} - updated)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _check_updates(
    report: AuditReport,
    commits: list[Commit],
    config: DocsConfig,
    pending: Sequence[DocsEvidence],
    head: Snapshot,
    fresh: set[str],
) -> None:
    """Add check 3's items: for this range's changes, and for pending ones still without an update."""
    if not config.require_update or not (report.layout.docs or report.layout.changelog):
        return
    for change in report.changes:
        typing_only = change.change == "changed" and not change.params  # a return type or raises: check 1's
        if change.symbol in fresh and not typing_only:
            issue = _no_update(change, commits, report, head, config)
            if issue is not None:
                report.inspection.add([issue])
    for evidence in pending:
        earlier = next((i for i in evidence.inconsistencies if i.check == "no_update"), None)
        if (
            earlier is not None
            and evidence.symbols[0] not in fresh
            and not _named_by_an_update(evidence.symbols[0], commits, report, head, config)
        ):
            report.inspection.add([Issue(item=earlier)])
