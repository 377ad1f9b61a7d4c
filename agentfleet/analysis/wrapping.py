"""What a module's functions and classes are wrapped in: their decorators, and the names the module rebinds to
something else after defining them (``shipping = cache(shipping)``). A refactor that adds one changes what the
name *is* — a cache that keeps every call's arguments alive, a wrapper that logs or retries — while every call
still returns what it did, so the differential tests cannot see it."""

from __future__ import annotations

import ast
from collections import Counter

__all__ = ["wrappers"]

_DECLARATIVE = frozenset({"staticmethod", "classmethod", "property", "abstractmethod", "overload", "override"})
"""Decorators that declare what a definition is, and wrap nothing a call goes through."""
_DEFINITIONS = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def wrappers(text: str | None) -> Counter[str]:
    """Each decorator on a definition of ``text`` (``@cache on shipping``) but the declarative ones (a property's
    ``@x.setter`` too), and each module-level rebinding of a name the module defines. A patch's new ones are
    ``wrappers(after) - wrappers(before)``."""
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return Counter()
    found: Counter[str] = Counter()
    defined = {node.name for node in ast.walk(tree) if isinstance(node, _DEFINITIONS)}
    for node in ast.walk(tree):
        if isinstance(node, _DEFINITIONS):
            found.update(f"@{ast.unparse(d)} on {node.name}" for d in node.decorator_list if not _declarative(d))
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            rebound = [t.id for t in targets if isinstance(t, ast.Name) and t.id in defined]
            found.update(f"{name} = {ast.unparse(node.value)}" for name in rebound)
    return found


def _declarative(decorator: ast.expr) -> bool:
    name = ast.unparse(decorator.func if isinstance(decorator, ast.Call) else decorator)
    return name.rsplit(".", 1)[-1] in _DECLARATIVE | {"setter", "getter", "deleter"}
