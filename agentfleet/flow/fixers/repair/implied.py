"""A clause its condition does not need: ``y % 100 != 0 and y % 400 != 0`` (the second follows from the first).

Checked by evaluation on the integers -100..1000 when every clause of an ``and``/``or`` is integer arithmetic
and comparisons over one and the same variable; anything else is left alone. Under ``and`` a clause is
implied when it holds wherever the others do (and they do somewhere); under ``or`` when some other clause
holds wherever it does (and it does somewhere). An edit that writes one says what deleting it would.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

__all__ = ["has_implied_clause"]

_SAMPLE = range(-100, 1001)
_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Mod, ast.FloorDiv, ast.USub, ast.Not, ast.And, ast.Or)
_COMPARISONS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
"""Comparisons of integers (``in``/``is`` on an integer would raise or say nothing about arithmetic)."""
_LEAVES = (ast.Name, ast.Load, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, *_COMPARISONS)


def _variable(clause: ast.expr) -> str | None:
    """The one variable ``clause`` reads if it is integer arithmetic and comparisons only, else None."""
    names = set()
    for node in ast.walk(clause):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Constant):
            if type(node.value) is not int:
                return None
        elif not isinstance(node, _OPS + _LEAVES):
            return None
    return names.pop() if len(names) == 1 else None


def _truth_table(clause: ast.expr, name: str) -> list[bool] | None:
    """``clause``'s truth on every sample value of ``name`` (None on an error such as a division by zero)."""
    tree = ast.fix_missing_locations(ast.Expression(ast.Lambda(_arguments(name), clause)))
    code = compile(tree, "<clause>", "eval")
    test: Callable[[int], object] = eval(code, {"__builtins__": {}})  # integer arithmetic only (_variable)
    try:
        return [bool(test(value)) for value in _SAMPLE]
    except ArithmeticError:
        return None


def _arguments(name: str) -> ast.arguments:
    return ast.arguments(posonlyargs=[], args=[ast.arg(name)], kwonlyargs=[], kw_defaults=[], defaults=[])


def has_implied_clause(node: ast.BoolOp) -> bool:
    """Some clause of ``node`` follows from the others (``and``) or implies one of them (``or``)."""
    names = {_variable(clause) for clause in node.values}
    if len(names) != 1 or None in names:
        return False
    name = names.pop()
    assert name is not None
    tables = [_truth_table(clause, name) for clause in node.values]
    if any(table is None for table in tables):
        return False
    rows = list(zip(*tables, strict=True))
    conjunction = isinstance(node.op, ast.And)
    for k in range(len(node.values)):
        if conjunction:
            where = [row for row in rows if all(row[:k] + row[k + 1 :])]
            if where and all(row[k] for row in where):
                return True
        else:
            where = [row for row in rows if row[k]]
            if where and all(any(row[:k] + row[k + 1 :]) for row in where):
                return True
    return False
