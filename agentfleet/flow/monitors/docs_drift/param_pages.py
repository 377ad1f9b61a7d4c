"""Check 2c, parameter pages: a new parameter missing from a page that documents its function's parameters one
by one (a README section per keyword, a usage guide walking through the options).

A page counts as documenting a function's parameters when it names the function and at least half of its other
parameters (and ``MIN_NAMED``), each as inline code (`` `floatfmt` ``) or passed by keyword (``floatfmt=``); plain
words do not count, since parameter names are often common ones (``headers``). A new parameter any doc file
already names is not missing; upgrade and migration guides name parameters as history and are not such pages; a
class whose base class is flagged for the same parameters is that one issue. What to write is the maintainers'
choice: the issue is flagged for review.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from agentfleet.contracts import ApiChange, DocsInconsistency
from agentfleet.flow.monitors.docs_drift.issues import Issue, line_of
from agentfleet.flow.monitors.docs_drift.surface import Surface, Symbol

__all__ = ["MIN_NAMED", "check_param_pages"]

MIN_NAMED = 3
"""Fewest other parameters a page must name before a new one's absence is drift (an example passing two
keywords is not a page about the parameters)."""
_SKIPPED_KINDS = {"variadic positional", "variadic keyword"}
_HISTORY_PAGE = re.compile(r"(?i)(upgrad|migrat|porting|whats[-_]?new|release)[^/]*$")


def _named(text: str, name: str) -> re.Match[str] | None:
    """Where ``text`` names parameter ``name`` as inline code or as a keyword argument, if it does."""
    return re.search(rf"`{re.escape(name)}`|(?<![\w.]){re.escape(name)}[ \t]*=(?!=)", text)


def _best_page(texts: Mapping[str, str], function: str, others: list[str]) -> tuple[str, int, int] | None:
    """(path, parameters named, offset of the last one) of the page naming most of ``others``, if one names enough."""
    best: tuple[str, int, int] | None = None
    needed = max(MIN_NAMED, (len(others) + 1) // 2)
    for path, text in texts.items():
        if _HISTORY_PAGE.search(path) or not re.search(rf"(?<![\w]){re.escape(function)}(?![\w])", text):
            continue
        found = [m for m in (_named(text, name) for name in others) if m is not None]
        if len(found) >= needed and (best is None or len(found) > best[1]):
            best = (path, len(found), max(m.start() for m in found))
    return best


def _ancestors(symbol: Symbol) -> set[str]:
    """Dotted paths of a class's base classes (through aliases); empty for a function or an unresolvable base."""
    if symbol.kind != "class":
        return set()
    try:
        return {base.path for base in symbol.obj.mro()}  # type: ignore[attr-defined]
    except Exception:  # griffe cannot resolve a base defined outside the loaded packages: no ancestors known
        return set()


def check_param_pages(texts: Mapping[str, str], changes: list[ApiChange], surface: Surface) -> list[Issue]:
    """New public parameters that the page documenting their function's other parameters leaves out."""
    issues = _candidates(texts, changes, surface)
    flagged = {(surface.symbols[i.item.symbol].canonical, i.item.file, i.item.new) for i in issues}
    return [
        issue
        for issue in issues
        if not any(
            (base, issue.item.file, issue.item.new) in flagged
            for base in _ancestors(surface.symbols[issue.item.symbol])
        )
    ]


def _candidates(texts: Mapping[str, str], changes: list[ApiChange], surface: Surface) -> list[Issue]:
    issues = []
    for change in changes:
        added = [p.name for p in change.params if p.change == "added" and not p.name.startswith("_")]
        symbol = surface.symbols.get(change.symbol)
        if not added or symbol is None:
            continue
        missing = [name for name in added if not any(_named(t, name) for t in texts.values())]
        others = [p.name for p in symbol.params if p.name not in added and p.kind not in _SKIPPED_KINDS]
        found = _best_page(texts, symbol.name, others) if missing else None
        if found is None:
            continue
        path, named, at = found
        listed = ", ".join(f"`{name}`" for name in missing)
        item = DocsInconsistency(
            check="prose",
            symbol=change.symbol,
            file=path,
            line=line_of(texts[path], at),
            new=", ".join(missing),
            action="review",
            message=f"the page documents {named} of `{symbol.name}`'s parameters but not the new {listed}",
        )
        issues.append(Issue(item=item))
    return issues
