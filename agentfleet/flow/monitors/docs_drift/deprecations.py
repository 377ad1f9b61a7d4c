"""Deprecations: a function or class that now warns it is deprecated whenever it is used, and the reference
entries that document it without saying so.

A symbol is deprecated when its body (a class: its ``__init__``) starts warning ``DeprecationWarning``,
``PendingDeprecationWarning`` or ``FutureWarning`` unconditionally — a ``warn(...)`` among the body's own
statements, not under an ``if`` (that deprecates an argument, not the symbol) — or when it is decorated
``@deprecated`` (PEP 702). Read from source with ``ast``; nothing is imported.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Mapping

from agentfleet.contracts import ApiChange, DocsInconsistency
from agentfleet.flow.monitors.docs_drift.issues import Issue, line_of
from agentfleet.flow.monitors.docs_drift.reference import entries
from agentfleet.flow.monitors.docs_drift.surface import Surface, Symbol

__all__ = ["check_deprecations", "is_deprecated", "source_of"]

_CATEGORIES = {"DeprecationWarning", "PendingDeprecationWarning", "FutureWarning"}
_SAYS = re.compile(r"(?i)deprecat")
_BLOCK_LINES = 15
"""Lines after an autodoc entry that count as its description (when no other entry comes first)."""


def _name(node: ast.expr) -> str:
    while isinstance(node, ast.Call):
        node = node.func
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _warns(statement: ast.stmt) -> bool:
    call = statement.value if isinstance(statement, ast.Expr) else None
    if not isinstance(call, ast.Call) or _name(call.func) != "warn":
        return False
    given = [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "category")]
    return any(_name(arg) in _CATEGORIES for arg in given)


def source_of(symbol: Symbol) -> str:
    """The source text of a function or class symbol (``""``: another kind, or no source kept for it)."""
    try:
        return str(symbol.obj.source) if symbol.kind in {"function", "class"} else ""
    except (ValueError, OSError):
        return ""  # no source lines kept for it


def _definition(symbol: Symbol) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | None:
    try:
        tree = ast.parse(textwrap.dedent(source_of(symbol)))
    except SyntaxError:
        return None  # a fragment that does not parse alone: not judged
    node = tree.body[0] if tree.body else None
    return node if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else None


def is_deprecated(symbol: Symbol) -> bool:
    """Whether ``symbol`` (a function or class) warns of its deprecation whenever it is used."""
    node = _definition(symbol)
    if node is None:
        return False
    if any(_name(d) == "deprecated" for d in node.decorator_list):
        return True
    if isinstance(node, ast.ClassDef):
        init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
        return init is not None and any(_warns(s) for s in init.body)
    return any(_warns(s) for s in node.body)


def check_deprecations(texts: Mapping[str, str], changes: list[ApiChange], surface: Surface) -> list[Issue]:
    """Reference entries (autodoc, mkdocstrings) of newly deprecated symbols that do not mention it, neither in
    the page nor in the docstring the entry renders (click 8.0's ``.. deprecated:: 8.0`` in the docstring)."""
    issues = []
    wanted = {
        c.symbol
        for c in changes
        if c.change == "deprecated" and not _SAYS.search(getattr(surface.symbols.get(c.symbol), "docstring", "") or "")
    }
    for path, text in texts.items():
        found = list(entries(text))
        for k, (target, _, match) in enumerate(found):
            if target not in wanted:
                continue
            end = found[k + 1][2].start() if k + 1 < len(found) else len(text)
            block = "\n".join(text[match.start() : end].splitlines()[:_BLOCK_LINES])
            if _SAYS.search(block):
                continue
            name = target.rpartition(".")[2]
            item = DocsInconsistency(
                check="prose",
                symbol=target,
                file=path,
                line=line_of(text, match.start()),
                new=".. deprecated:: <version>" if match["directive"] else '!!! warning "Deprecated"',
                action="review",
                message=f"`{name}` now warns that it is deprecated; its reference entry does not say so",
            )
            issues.append(Issue(item=item))
    return issues
