"""Stated defaults in docstrings (``Defaults to 10``, ``default: 10``, NumPy ``int, default 10``) that a change
made wrong, and the ``None`` sentinels that keep them right."""

from __future__ import annotations

import ast
import re

from agentfleet.contracts import ApiChange, ParamChange
from agentfleet.flow.monitors.docs_drift.docstyle import Entry
from agentfleet.flow.monitors.docs_drift.issues import Edit, Issue, docstring_issue
from agentfleet.flow.monitors.docs_drift.surface import Symbol

__all__ = ["default_issues", "sentinel"]

_DEFAULT = re.compile(
    r"\bdefaults?(?:\s+(?:to|is|value\s+is))?\s*[:=]?\s*(?P<value>``[^`]+``|`[^`]+`|'[^'\n]*'|\"[^\"\n]*\"|[\w.+-]+)",
    re.IGNORECASE,
)


def _literal(text: str) -> object:
    """The value a stated default names (backticks and a trailing period dropped), or the bare text."""
    bare = text.strip().strip("`").rstrip(".")
    try:
        return ast.literal_eval(bare)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return bare


def sentinel(symbol: Symbol, param: ParamChange) -> bool:
    """The new default is ``None`` standing for the old one: the body replaces ``None`` (click's ``prefix``)."""
    if param.default != "None":
        return False
    try:
        source = symbol.obj.source
    except (ValueError, OSError):
        return False  # no source kept: nothing shows a sentinel
    name = re.escape(param.name)
    return bool(re.search(rf"\bif\s+{name}\s+is\s+None\b|\b{name}\s+if\s+{name}\s+is\s+not\s+None\b", source))


def default_issues(
    change: ApiChange, symbol: Symbol, text: str, entries: list[Entry], param: ParamChange
) -> list[Issue]:
    """A stated default in ``entries`` that was the old default: corrected to the new one."""
    for entry in entries:
        for match in _DEFAULT.finditer(text, entry.start, entry.end):
            stated = match["value"]
            said, old = _literal(stated), _literal(param.old_default or "")
            if said != old or said == _literal(param.default or "None"):
                continue
            quote = "``" if stated.startswith("``") else "`" if stated.startswith("`") else ""
            new = f"{quote}{param.default}{quote}" if param.default is not None else "(required)"
            edit = Edit(symbol.file, match.start("value"), match.end("value") - (1 if stated.endswith(".") else 0), new)
            return [
                docstring_issue(
                    change,
                    symbol.file,
                    text,
                    match.start("value"),
                    "default",
                    stated.rstrip("."),
                    new,
                    f"docstring states `{param.name}` defaults to {stated.rstrip('.')}, now {param.default}",
                    (edit,),
                )
            ]
    return []
