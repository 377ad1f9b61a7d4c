"""What a crashing function is, so that a reproduction can call it: a module-level function, a method
of a module-level class (called on an instance its constructor builds) or a static or class method
(called on the class)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from agentfleet.flow.fixers.repair.seeds import Param, parameters

__all__ = ["Callee", "callee"]


@dataclass(frozen=True)
class Callee:
    """How to call the crashing function."""

    params: list[Param]
    """Its parameters a call passes (``self``/``cls`` left out)."""
    owner: str | None = None
    """The class it is defined in; ``None`` for a module-level function."""
    init: list[Param] | None = None
    """The constructor's parameters when an instance is needed; ``None`` when it is called on the class."""


def _function(node: ast.AST, name: str, line: int | None) -> bool:
    defines = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name
    return defines and (line is None or node.lineno <= line <= (node.end_lineno or node.lineno))  # type: ignore[attr-defined]


def _decorated(node: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    return any(isinstance(d, ast.Name) and d.id == name for d in node.decorator_list)


def _constructor(tree: ast.Module, cls: ast.ClassDef) -> list[Param]:
    """``cls.__init__``'s parameters, else its first base's in this module, else none."""
    for node in cls.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__init__":
            return (parameters(ast.unparse(node), "__init__") or [])[1:]
    bases = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    first = next((bases[b.id] for b in cls.bases if isinstance(b, ast.Name) and b.id in bases), None)
    return _constructor(tree, first) if first is not None and first is not cls else []


def callee(source: str, function: str, line: int | None = None) -> Callee | None:
    """How to call ``function`` of ``source`` (the one around ``line`` when given), or ``None``."""
    tree = ast.parse(source)
    for node in tree.body:
        if _function(node, function, line):
            return Callee(parameters(source, function) or [])
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        method = next((n for n in cls.body if _function(n, function, line)), None)
        if not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef) or _decorated(method, "property"):
            continue
        params = parameters(ast.unparse(method), function) or []
        if _decorated(method, "staticmethod"):
            return Callee(params, cls.name)
        if _decorated(method, "classmethod"):
            return Callee(params[1:], cls.name)
        return Callee(params[1:], cls.name, _constructor(tree, cls))
    return None
