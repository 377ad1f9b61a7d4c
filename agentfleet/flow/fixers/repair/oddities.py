"""Code no developer writes: arithmetic that does nothing (never emitted) and no-op-looking forms (ranked last).

``x + 0``, ``0 + x``, ``x * 1``, ``x / 1``, ``x ** 1``, ``x += 0`` (and ``|``/``^``/shifts by 0) are *identities*: a
candidate that adds one is refused, since the same effect is a plainer edit (drop the ``1 +``). So are
*annihilators*, ``x * 0``, ``0 * x``, ``x & 0``: they throw an operand away (``count * 0 + d`` passes
tests with one-digit counts), which a deletion would say plainly.
Double negations, ``x[:]``/``x[0:]``/``x[::1]``, a condition repeating one of its clauses (``a and b and a``)
or with one that follows from the others (``y % 100 != 0 and y % 400 != 0``: ``implied``),
``x == x``, ``c if t else c``, an ``if`` whose two branches are the same, a call passed one variable twice
(``move(n, a, b, b)``: a rename onto an argument already passed), a call wrapped in the same idempotent
call (``abs(abs(x))``) and a set handed to a call whose result shows the items' order (``" ".join(set(ws))``,
``enumerate(set(xs))``: the order is the hash's, so tests pass it by chance) and a ``for`` loop's own variable
assigned as its body's last step (``read += 1``: the next iteration rebinds it) are *odd*: allowed, but ranked
after plain patches.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations, pairwise

from agentfleet.flow.fixers.repair.implied import has_implied_clause

__all__ = ["added_identities", "added_oddities"]

_ZERO_RIGHT = (ast.Add, ast.Sub, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift)
_ONE_RIGHT = (ast.Mult, ast.Div, ast.FloorDiv, ast.Pow)
_ZERO_EITHER = (ast.Mult, ast.BitAnd)
_IDEMPOTENT = frozenset({"abs", "sorted", "list", "set", "tuple", "int", "float", "str", "bool", "frozenset"})
_ORDERED = frozenset({"join", "enumerate", "list", "tuple", "zip"})
"""Calls whose result shows the order their argument's items come in."""


def _is(node: ast.AST, value: int) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int and node.value == value


def _identity(node: ast.AST) -> bool:
    if isinstance(node, ast.AugAssign):
        return _identity(ast.BinOp(left=node.target, op=node.op, right=node.value))
    if not isinstance(node, ast.BinOp):
        return False
    op = node.op
    right = (isinstance(op, _ZERO_RIGHT) and _is(node.right, 0)) or (isinstance(op, _ONE_RIGHT) and _is(node.right, 1))
    left = (isinstance(op, ast.Add) and _is(node.left, 0)) or (isinstance(op, ast.Mult) and _is(node.left, 1))
    annihilator = isinstance(op, _ZERO_EITHER) and (_is(node.left, 0) or _is(node.right, 0))
    return right or left or annihilator


def _same(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


def _whole_slice(node: ast.Subscript) -> bool:
    part = node.slice
    if not isinstance(part, ast.Slice) or part.upper is not None:
        return False
    return (part.lower is None or _is(part.lower, 0)) and (part.step is None or _is(part.step, 1))


def _odd(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.UnaryOp):
        return type(node.op) is type(node.operand.op)
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.UAdd)
    if isinstance(node, ast.Subscript):
        return _whole_slice(node)
    if isinstance(node, ast.BoolOp):
        return any(_same(a, b) for a, b in combinations(node.values, 2)) or has_implied_clause(node)
    if isinstance(node, ast.If):
        return bool(node.orelse) and [*map(ast.dump, node.body)] == [*map(ast.dump, node.orelse)]
    if isinstance(node, ast.Compare):
        return any(_same(a, b) for a, b in pairwise([node.left, *node.comparators]))
    if isinstance(node, ast.IfExp):
        return _same(node.body, node.orelse)
    if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
        return _stores(node.body[-1], node.target.id)
    if isinstance(node, ast.Call) and (_repeats_a_variable(node.args) or _orders_a_set(node)):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _IDEMPOTENT:
        inner = node.args[0] if len(node.args) == 1 and not node.keywords else None
        return isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == node.func.id
    return False


def _stores(statement: ast.stmt, name: str) -> bool:
    """``statement`` assigns ``name`` (a ``for`` body's last step moving the loop's own variable does nothing:
    the next iteration rebinds it)."""
    if isinstance(statement, ast.AugAssign):
        return isinstance(statement.target, ast.Name) and statement.target.id == name
    if isinstance(statement, ast.Assign):
        return any(isinstance(target, ast.Name) and target.id == name for target in statement.targets)
    return False


def _orders_a_set(call: ast.Call) -> bool:
    """``call`` shows the order of a set's items: ``" ".join(set(ws))``, ``enumerate(set(xs))``."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    wrapped = {a.func.id for a in call.args if isinstance(a, ast.Call) and isinstance(a.func, ast.Name)}
    return name in _ORDERED and bool(wrapped & {"set", "frozenset"})


def _repeats_a_variable(args: list[ast.expr]) -> bool:
    """Two of a call's positional arguments are the same bare variable."""
    names = [a.id for a in args if isinstance(a, ast.Name)]
    return len(names) != len(set(names))


@lru_cache(maxsize=64)
def _counts(text: str) -> tuple[int, int]:
    """(identities, oddities) in ``text``; (0, 0) when it does not parse."""
    try:
        nodes = list(ast.walk(ast.parse(text)))
    except (SyntaxError, ValueError):
        return 0, 0
    return sum(map(_identity, nodes)), sum(map(_odd, nodes))


def added_identities(before: str, after: str) -> bool:
    """``after`` has more do-nothing arithmetic than ``before``."""
    return _counts(after)[0] > _counts(before)[0]


def added_oddities(chunks: Sequence[tuple[str, str]]) -> int:
    """How many more no-op-looking forms the changed code has after than before (0 when none); ``chunks``:
    (before, after) of each changed function or statement."""
    return max(0, sum(_counts(after)[1] - _counts(before)[1] for before, after in chunks))
