"""How likely a line is to hold a bug, before any test runs: a tie-breaker for fault localisation.

A docstring holds no bug (factor 0); a statement that only moves control or sets up an empty or
constant value (``pass``, ``continue``, ``x = []``, ``return total``) rarely does (factor 0.9);
among equally suspicious lines, the one with more operators, calls and subscripts leads.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

__all__ = ["LinePrior", "line_priors"]

_LOGIC = (ast.Compare, ast.BinOp, ast.BoolOp, ast.UnaryOp, ast.Call, ast.Subscript, ast.Slice, ast.AugAssign, ast.IfExp)
_SIMPLE_VALUES = (ast.Constant, ast.Name, ast.List, ast.Dict, ast.Set, ast.Tuple)
TRIVIAL = 0.9


@dataclass(frozen=True)
class LinePrior:
    """``factor`` multiplies the line's suspiciousness; ``complexity`` breaks ties (higher first)."""

    factor: float = 1.0
    complexity: int = 0


def _own_nodes(stmt: ast.stmt) -> list[ast.AST]:
    """Nodes of ``stmt`` itself, not of the statements nested in its body."""
    nested = {id(n) for field in ("body", "orelse", "finalbody", "handlers") for n in getattr(stmt, field, [])}
    found: list[ast.AST] = []
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(child for child in ast.iter_child_nodes(node) if id(child) not in nested)
    return found


def _trivial(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass | ast.Continue | ast.Break | ast.Import | ast.ImportFrom | ast.Global):
        return True
    value = getattr(stmt, "value", None)
    simple = value is None or (isinstance(value, _SIMPLE_VALUES) and not getattr(value, "elts", None))
    return isinstance(stmt, ast.Assign | ast.AnnAssign | ast.Return) and simple


def _docstrings(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                lines.update(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
    return lines


def line_priors(source: str) -> dict[int, LinePrior]:
    """Prior per statement line of ``source`` (empty when it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    priors = {}
    for stmt in (n for n in ast.walk(tree) if isinstance(n, ast.stmt)):
        complexity = sum(isinstance(n, _LOGIC) for n in _own_nodes(stmt))
        priors[stmt.lineno] = LinePrior(TRIVIAL if _trivial(stmt) else 1.0, complexity)
    for line in _docstrings(tree):
        priors[line] = LinePrior(0.0, 0)
    return priors
