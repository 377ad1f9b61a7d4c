"""The calls the tests make to a function, with literal arguments: seeds for reproducing a crash.

Besides plain calls (``size(1000, binary=True)``), libraries' suites call through
``pytest.mark.parametrize`` (``size(*args)`` over rows of ``[10**3]``, ``[1000**2 * 5, False]``) and
write values as arithmetic on constants. Each row becomes a call; arithmetic is folded here with
bounded sizes, never evaluated as code.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterable

from agentfleet.analysis import parse_each

__all__ = ["Call", "calls_in", "value_of"]

Call = list[tuple[str | None, object]]
"""``(keyword or None, value)`` per argument."""

_OPERATORS: dict[type[ast.operator], Callable[[object, object], object]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Pow: operator.pow,
    ast.FloorDiv: operator.floordiv,
    ast.Div: operator.truediv,
}
_MAX_BITS = 512
"""Folded integers stay below 2**512 (and exponents below 512): a row is an input, not a workload."""
_ROWS = 100


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _too_big(op: ast.operator, left: float, right: float) -> bool:
    """Whether a power would pass ``_MAX_BITS`` (estimated before computing it)."""
    if not isinstance(op, ast.Pow):
        return False
    return abs(right) >= _MAX_BITS or (isinstance(left, int) and left.bit_length() * abs(right) > _MAX_BITS)


def _fold(node: ast.BinOp) -> tuple[bool, object]:
    (ok_left, left), (ok_right, right) = value_of(node.left), value_of(node.right)
    op = _OPERATORS.get(type(node.op))
    if not (ok_left and ok_right and op and _number(left) and _number(right)):
        return False, None
    if _too_big(node.op, left, right):  # type: ignore[arg-type]
        return False, None
    try:
        value = op(left, right)
    except (ArithmeticError, ValueError):
        return False, None
    if isinstance(value, int) and value.bit_length() > _MAX_BITS:
        return False, None
    return True, value


def value_of(node: ast.expr) -> tuple[bool, object]:
    """``(True, value)`` for a literal or arithmetic on numeric literals; ``(False, None)`` otherwise."""
    if isinstance(node, ast.BinOp):
        return _fold(node)
    if isinstance(node, ast.List | ast.Tuple):
        items = [value_of(e) for e in node.elts]
        ok = all(good for good, _ in items)
        values = [v for _, v in items]
        return ok, (values if isinstance(node, ast.List) else tuple(values)) if ok else None
    try:
        return True, ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None


def _names(node: ast.expr) -> list[str] | None:
    """``"a, b"`` or ``("a", "b")``: the argument names of a ``parametrize``."""
    ok, names = value_of(node)
    if ok and isinstance(names, str):
        return [n.strip() for n in names.split(",")]
    if ok and isinstance(names, list | tuple) and all(isinstance(n, str) for n in names):
        return [str(n) for n in names]
    return None


def _parametrized(decorator: ast.expr) -> list[dict[str, object]] | None:
    """The cases of a ``@pytest.mark.parametrize(names, rows)`` decorator, by name; ``None`` for another."""
    if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
        return None
    if decorator.func.attr != "parametrize" or len(decorator.args) < 2:
        return None
    keys, rows = _names(decorator.args[0]), decorator.args[1]
    if keys is None or not isinstance(rows, ast.List | ast.Tuple):
        return None
    found = []
    for row in rows.elts[:_ROWS]:
        good, values = value_of(row)
        values = [values] if len(keys) == 1 else values
        if good and isinstance(values, list | tuple) and len(values) == len(keys):
            found.append(dict(zip(keys, values, strict=True)))
    return found


def _rows(test: ast.FunctionDef) -> list[dict[str, object]]:
    """Per parametrized case of ``test``, its argument values by name (one empty case when not parametrized)."""
    cases: list[dict[str, object]] = [{}]
    for decorator in test.decorator_list:
        found = _parametrized(decorator)
        if found:
            cases = [{**case, **row} for case in cases for row in found][:_ROWS]
    return cases


def _call(node: ast.Call, case: dict[str, object]) -> Call | None:
    """The call's arguments in ``case`` (a parametrized row), or ``None`` when one is not a known value."""
    found: Call = []
    for arg in node.args:
        inner = arg.value if isinstance(arg, ast.Starred) else arg
        ok, value = (True, case[inner.id]) if isinstance(inner, ast.Name) and inner.id in case else value_of(inner)
        if not ok:
            return None
        if isinstance(arg, ast.Starred):
            if not isinstance(value, list | tuple):
                return None
            found += [(None, v) for v in value]
        else:
            found.append((None, value))
    for keyword in node.keywords:
        if keyword.arg is None:
            return None
        inner = keyword.value
        ok, value = (True, case[inner.id]) if isinstance(inner, ast.Name) and inner.id in case else value_of(inner)
        if not ok:
            return None
        found.append((keyword.arg, value))
    return found


def _called(node: ast.Call, function: str) -> bool:
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
    return name == function


def calls_in(test_sources: Iterable[str], function: str) -> list[Call]:
    """Calls to ``function`` in the tests whose arguments are all known values, one per parametrized row."""
    found: list[Call] = []
    for tree in parse_each(test_sources):
        scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        inside = {id(n) for scope in scopes for n in ast.walk(scope)}
        module: list[tuple[ast.AST, list[dict[str, object]]]] = [(tree, [{}])]
        for scope, cases in module + [(s, _rows(s)) for s in scopes]:
            nodes = [n for n in ast.walk(scope) if isinstance(n, ast.Call) and _called(n, function)]
            if scope is tree:
                nodes = [n for n in nodes if id(n) not in inside]
            for node in nodes:
                found += [c for c in (_call(node, case) for case in cases) if c is not None]
    return found
