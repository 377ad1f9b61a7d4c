"""Check 2b, the API reference: a new public function or class that a reference page leaves out while it lists
its siblings one by one (``.. autofunction:: pkg.other``, ``::: pkg.other``).

A page that documents the whole module (``.. automodule:: pkg`` with members, ``::: pkg``) covers new names by
itself, and a name any doc file already mentions is not missing. Docs naming fewer than ``_COMPLETE`` of the
module's older functions (or classes) hold a selection, not a list: a new one left out is the maintainers' choice.
Where the new entry goes in the page (pages group by topic) is the maintainers' choice too: the issue is flagged
for review with the directive to add.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from agentfleet.contracts import ApiChange, DocsInconsistency
from agentfleet.flow.monitors.docs_drift.issues import Issue, line_of

if TYPE_CHECKING:
    from agentfleet.flow.monitors.docs_drift.surface import Symbol

__all__ = ["check_reference", "documented", "entries"]

_ENTRY = re.compile(
    r"^(?P<indent>[ \t]*)(?:\.\.[ \t]+(?:py:)?(?P<directive>auto\w+|currentmodule|module)::|:::)"
    r"[ \t]*(?P<target>[\w.]+)"
    r"(?P<options>(?:\n(?P=indent)[ \t]+:[\w-]+:.*)*)",
    re.MULTILINE,
)
_CONTEXT = {"automodule", "currentmodule", "module"}
"""Directives that set the module later relative names (``.. autofunction:: chunked``) belong to."""
_MODULES = {"automodule", "autopackage"}
"""An entry for a module is no sibling of a function or class."""
_MIN_SIBLINGS = 2
_COMPLETE = 0.8
"""Share of a module's older functions (or classes) the docs must name for their list of it to be complete
(sqlparse's ``analyzing.rst`` names 12 of ``sqlparse.sql``'s 21 classes: a selection)."""


def _parent(path: str) -> str:
    return path.rpartition(".")[0]


def entries(text: str) -> Iterator[tuple[str, bool, re.Match[str]]]:
    """(absolute target, documents it whole, match) of each autodoc entry of a page."""
    current = ""
    for match in _ENTRY.finditer(text):
        target, directive = match["target"], match["directive"]
        if directive in _CONTEXT:
            current = target
        elif current and "." not in target or current and not target.startswith(current.split(".")[0] + "."):
            target = f"{current}.{target}"
        whole = directive is None or directive in {"automodule", "autopackage"} and ":members:" in match["options"]
        if directive not in {"currentmodule", "module"}:
            yield target, whole, match


def documented(texts: Iterable[str | None]) -> set[str]:
    """Every dotted path the pages' autodoc entries name: the reference says these are API, whatever ``__all__``
    says (structlog.dev's ``LogLevelColumnFormatter``)."""
    return {target for text in texts if text and ("auto" in text or ":::" in text) for target, _, _ in entries(text)}


def _page_for(parent: str, texts: Mapping[str, str]) -> tuple[str, re.Match[str]] | None:
    """The page listing most siblings under ``parent`` one by one, with its last sibling entry; ``None`` when a
    page documents ``parent`` whole or none lists enough siblings."""
    best: tuple[int, str, re.Match[str]] | None = None
    for path, text in texts.items():
        siblings = []
        for target, whole, match in entries(text):
            if target == parent and whole:
                return None
            if _parent(target) == parent and match["directive"] not in _MODULES:
                siblings.append(match)
        if len(siblings) >= _MIN_SIBLINGS and (best is None or len(siblings) > best[0]):
            best = (len(siblings), path, siblings[-1])
    return (best[1], best[2]) if best else None


def _whole(module: str, texts: Mapping[str, str]) -> bool:
    """A page documents ``module`` whole (``.. automodule:: m`` with ``:members:``, ``::: m``)."""
    return any(target == module and whole for text in texts.values() for target, whole, _ in entries(text))


def _named(name: str, texts: Mapping[str, str]) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", t) for t in texts.values())


def _a_selection(change: ApiChange, symbols: Mapping[str, Symbol], added: set[str], texts: Mapping[str, str]) -> bool:
    """The docs name fewer than ``_COMPLETE`` of the older public siblings of ``change``'s kind."""
    parent = _parent(change.symbol)
    older = [
        symbol.name
        for path, symbol in symbols.items()
        if _parent(path) == parent and symbol.kind == change.kind and path not in added
    ]
    return bool(older) and sum(_named(name, texts) for name in older) < _COMPLETE * len(older)


def check_reference(
    texts: Mapping[str, str], changes: list[ApiChange], symbols: Mapping[str, Symbol] | None = None
) -> list[Issue]:
    """New module-level functions and classes missing from the reference page that lists their siblings;
    ``symbols``: the head's public symbols by path (their other paths: one the defining module's whole entry
    covers is there; their siblings: a page naming few of them is a selection)."""
    issues = []
    symbols = symbols or {}
    added = {change.symbol for change in changes if change.change == "added"}
    for change in changes:
        if change.change != "added" or change.kind not in {"function", "class"}:
            continue
        name = change.symbol.rpartition(".")[2]
        if name.startswith("_") or _named(name, texts):
            continue
        known = symbols.get(change.symbol)
        if known is not None and any(_whole(_parent(p), texts) for p in known.names):
            continue
        if _a_selection(change, symbols, added, texts):
            continue
        found = _page_for(_parent(change.symbol), texts)
        if found is None:
            continue
        path, last = found
        spelled = change.symbol if "." in last["target"] else name
        directive = f".. {last['directive']}:: {spelled}" if last["directive"] else f"::: {change.symbol}"
        item = DocsInconsistency(
            check="prose",
            symbol=change.symbol,
            file=path,
            line=line_of(texts[path], last.start()),
            new=directive,
            action="review",
            message=f"the API reference lists `{_parent(change.symbol)}` one by one but not the new `{name}`",
        )
        issues.append(Issue(item=item))
    return issues
