"""Parentheses by precedence: a node a template builds reads the way it was built, wherever it lands.

libcst prints a tree as it is: ``BinaryOperation(a, *, BinaryOperation(len(b), +, 1))`` comes out as
``a * len(b) + 1``, which Python reads as ``(a * len(b)) + 1``. ``parenthesize`` adds the brackets a
built subtree needs inside itself; ``fit`` adds the ones it needs where it replaces a node.
Code that parsed never needs a bracket added, so both leave untouched code as it was.
"""

from __future__ import annotations

from collections.abc import Container
from typing import TypeVar

import libcst as cst

__all__ = ["fit", "parenthesize", "precedence"]

E = TypeVar("E", bound=cst.BaseExpression)

ATOM = 16
"""Names, literals, calls, subscripts, attributes, displays and anything already in brackets."""

_BINARY: dict[type, int] = {
    cst.BitOr: 6,
    cst.BitXor: 7,
    cst.BitAnd: 8,
    cst.LeftShift: 9,
    cst.RightShift: 9,
    cst.Add: 10,
    cst.Subtract: 10,
    cst.Multiply: 11,
    cst.MatrixMultiply: 11,
    cst.Divide: 11,
    cst.FloorDivide: 11,
    cst.Modulo: 11,
    cst.Power: 13,
}
_COMPARISON = 5
_NOT = 4
_UNARY = 12
_PRIMARY = 15


def precedence(node: cst.CSTNode) -> int:
    """How tightly ``node`` binds (Python's table, higher binds tighter); brackets make anything an atom."""
    if getattr(node, "lpar", None):
        return ATOM
    if isinstance(node, cst.NamedExpr | cst.Yield):
        return -1
    kinds: list[tuple[type, int]] = [(cst.Lambda, 0), (cst.IfExp, 1), (cst.Comparison, _COMPARISON), (cst.Await, 14)]
    for kind, level in kinds:
        if isinstance(node, kind):
            return level
    if isinstance(node, cst.BooleanOperation):
        return 2 if isinstance(node.operator, cst.Or) else 3
    if isinstance(node, cst.UnaryOperation):
        return _NOT if isinstance(node.operator, cst.Not) else _UNARY
    if isinstance(node, cst.BinaryOperation):
        return _BINARY[type(node.operator)]
    return ATOM


def _binary_needs(parent: cst.BinaryOperation, child: cst.CSTNode) -> int:
    level = _BINARY[type(parent.operator)]
    if isinstance(parent.operator, cst.Power):
        return 14 if child is parent.left else _UNARY
    return level if child is parent.left else level + 1


def _needs(parent: cst.CSTNode, child: cst.CSTNode) -> int:
    """The least precedence ``child`` may have at its place in ``parent`` without brackets."""
    if isinstance(parent, cst.BinaryOperation):
        return _binary_needs(parent, child)
    if isinstance(parent, cst.BooleanOperation):
        level = 2 if isinstance(parent.operator, cst.Or) else 3
        return level if child is parent.left else level + 1
    if isinstance(parent, cst.UnaryOperation):
        return _NOT if isinstance(parent.operator, cst.Not) else _UNARY
    if isinstance(parent, cst.Comparison | cst.ComparisonTarget):
        return _COMPARISON + 1
    if isinstance(parent, cst.IfExp):
        return 0 if child is parent.orelse else 2
    if isinstance(parent, cst.Attribute | cst.Subscript | cst.Call):
        head = parent.func if isinstance(parent, cst.Call) else parent.value
        return _PRIMARY if child is head else 0
    if isinstance(parent, cst.Await):
        return _PRIMARY
    return 0


def _bracketed(node: E) -> E:
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _must_bracket(parent: cst.CSTNode, slot: cst.CSTNode, node: cst.BaseExpression) -> bool:
    """``node`` in ``parent`` where ``slot`` stands needs brackets (``1.real`` too: a number before a dot)."""
    number_dot = isinstance(parent, cst.Attribute) and slot is parent.value and isinstance(node, cst.Integer)
    return precedence(node) < _needs(parent, slot) or (number_dot and not node.lpar)


def fit(parent: cst.CSTNode | None, old: cst.CSTNode, new: cst.CSTNode) -> cst.CSTNode:
    """``new`` (bracketed when it must be) to stand where ``old`` stands in ``parent``."""
    if parent is None or not isinstance(new, cst.BaseExpression) or not isinstance(old, cst.BaseExpression):
        return new
    return _bracketed(new) if _must_bracket(parent, old, new) else new


class _Brackets(cst.CSTTransformer):
    """Brackets every child that binds looser than its place needs (``known`` subtrees parsed fine: skipped)."""

    def __init__(self, known: Container[cst.CSTNode]) -> None:
        super().__init__()
        self.known = known

    def on_visit(self, node: cst.CSTNode) -> bool:
        return node not in self.known

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        changes = {}
        for name in ("left", "right", "expression", "comparator", "test", "body", "orelse", "value", "func"):
            child = getattr(updated_node, name, None)
            if isinstance(child, cst.BaseExpression) and _must_bracket(updated_node, child, child):
                changes[name] = _bracketed(child)
        return updated_node.with_changes(**changes) if changes else updated_node


def parenthesize(node: cst.CSTNode, known: Container[cst.CSTNode] = ()) -> cst.CSTNode:
    """``node`` with the brackets its own subtree needs to read as built; subtrees in ``known`` (nodes of
    the parsed file) are left alone, they read as they were parsed."""
    if node in known:
        return node
    done = node.visit(_Brackets(known))
    assert isinstance(done, cst.CSTNode)
    return done
