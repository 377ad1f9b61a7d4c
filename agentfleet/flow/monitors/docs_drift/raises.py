"""The exceptions a function's own body raises, by the name of their class, read statically.

A raise names a class when its expression is a name (``raise KeyError``), an attribute (``raise errors.Timeout``)
or a call of either; one that goes through a name bound in the function — a parameter, a local, an ``except``
target (``raise error from None``, ``raise error.reraise()``, ``raise self.error_cls(...)``) — names no class the
code can tell, and is left out.
"""

from __future__ import annotations

import ast
import textwrap

__all__ = ["raised_names"]

_STUB = "NotImplementedError"
"""An abstract stub's, not an error callers handle."""
_NAMED = (ast.ExceptHandler, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _bound(function: ast.AST) -> set[str]:
    """Names the function binds: parameters, assignment and loop targets, ``except … as`` names, nested defs."""
    names: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, _NAMED) and node is not function and node.name:
            names.add(node.name)
    return names


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def raised_names(source: str) -> set[str]:
    """The class names the function in ``source`` raises (empty when it does not parse)."""
    try:
        tree = ast.parse(textwrap.dedent(source))
    except (SyntaxError, ValueError):
        return set()
    function = next((n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)), tree)
    bound = _bound(function)
    names = set()
    for node in ast.walk(tree):
        exc = node.exc if isinstance(node, ast.Raise) else None
        exc = exc.func if isinstance(exc, ast.Call) else exc
        if not isinstance(exc, ast.Name | ast.Attribute) or _root(exc) in bound:
            continue
        name = exc.attr if isinstance(exc, ast.Attribute) else exc.id
        if name != _STUB:
            names.add(name)
    return names
