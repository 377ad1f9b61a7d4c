"""Operator templates: comparison, arithmetic and boolean operator swaps, negation, precedence slips."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import libcst as cst

from agentfleet.flow.fixers.repair.precedence import precedence
from agentfleet.flow.fixers.repair.source import Edit, Site, SourceFile
from agentfleet.flow.fixers.repair.templates.context import nodes_in

__all__ = ["arithmetic_operators", "boolean_operators", "comparison_operators", "negations", "precedence_slips"]

_CMP: dict[type, list[tuple[type, int]]] = {
    cst.LessThan: [(cst.LessThanEqual, 1), (cst.GreaterThan, 1), (cst.GreaterThanEqual, 2), (cst.NotEqual, 2)],
    cst.LessThanEqual: [(cst.LessThan, 1), (cst.GreaterThanEqual, 1), (cst.GreaterThan, 2), (cst.Equal, 2)],
    cst.GreaterThan: [(cst.GreaterThanEqual, 1), (cst.LessThan, 1), (cst.LessThanEqual, 2), (cst.NotEqual, 2)],
    cst.GreaterThanEqual: [(cst.GreaterThan, 1), (cst.LessThanEqual, 1), (cst.LessThan, 2), (cst.Equal, 2)],
    cst.Equal: [(cst.NotEqual, 1), (cst.LessThanEqual, 2), (cst.GreaterThanEqual, 2)],
    cst.NotEqual: [(cst.Equal, 1), (cst.LessThan, 2), (cst.GreaterThan, 2)],
    cst.Is: [(cst.IsNot, 1)],
    cst.IsNot: [(cst.Is, 1)],
    cst.In: [(cst.NotIn, 1)],
    cst.NotIn: [(cst.In, 1)],
}
_AUG_ORDER = [cst.AddAssign, cst.SubtractAssign]
_ARITH: dict[type, list[tuple[type, int]]] = {
    cst.Add: [(cst.Subtract, 1), (cst.Multiply, 2)],
    cst.Subtract: [(cst.Add, 1)],
    cst.Multiply: [(cst.Divide, 1), (cst.FloorDivide, 2), (cst.Add, 2), (cst.Power, 2)],
    cst.Divide: [(cst.FloorDivide, 1), (cst.Multiply, 1), (cst.Modulo, 2)],
    cst.FloorDivide: [(cst.Divide, 1), (cst.Modulo, 1), (cst.Multiply, 2)],
    cst.Modulo: [(cst.FloorDivide, 1), (cst.Divide, 2)],
    cst.Power: [(cst.Multiply, 1)],
    cst.BitAnd: [(cst.BitOr, 1), (cst.BitXor, 2)],
    cst.BitOr: [(cst.BitAnd, 1), (cst.BitXor, 2)],
    cst.BitXor: [(cst.BitOr, 1), (cst.BitAnd, 2)],
    cst.LeftShift: [(cst.RightShift, 1)],
    cst.RightShift: [(cst.LeftShift, 1)],
}
_AUG: dict[type, list[tuple[type, int]]] = {
    cst.AddAssign: [(cst.SubtractAssign, 1), (cst.MultiplyAssign, 2)],
    cst.SubtractAssign: [(cst.AddAssign, 1)],
    cst.MultiplyAssign: [(cst.DivideAssign, 1), (cst.AddAssign, 2)],
    cst.DivideAssign: [(cst.FloorDivideAssign, 1), (cst.MultiplyAssign, 1)],
    cst.FloorDivideAssign: [(cst.DivideAssign, 1), (cst.ModuloAssign, 2)],
    cst.ModuloAssign: [(cst.FloorDivideAssign, 2)],
    cst.BitAndAssign: [(cst.BitOrAssign, 1), (cst.BitXorAssign, 2)],
    cst.BitOrAssign: [(cst.BitAndAssign, 1), (cst.BitXorAssign, 2)],
    cst.BitXorAssign: [(cst.BitAndAssign, 1), (cst.BitOrAssign, 2)],
}


def _like(op: Any, new_type: type) -> cst.CSTNode:
    """An operator of ``new_type`` with ``op``'s surrounding whitespace."""
    return new_type(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)  # type: ignore[no-any-return]


def _swap(op: Any, table: dict[type, list[tuple[type, int]]], name: str) -> Iterator[Edit]:
    for new_type, tier in table.get(type(op), []):
        yield Edit(op, _like(op, new_type), name, tier)


_ORDERINGS = (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)
_UPWARD = (cst.LessThan, cst.LessThanEqual)


def _same_direction(old: Any, new_type: type) -> bool:
    return isinstance(old, _UPWARD) == issubclass(new_type, _UPWARD) and issubclass(new_type, _ORDERINGS)


def comparison_operators(site: Site) -> Iterator[Edit]:
    """``<`` ↔ ``<=`` (boundaries first), direction flips, ``==`` ↔ ``!=``, ``is``/``in`` negation.

    In a chained comparison (``a <= x < b``) only the boundary changes: a chain keeps its direction.
    """
    for comparison in site.of_type(cst.Comparison):
        chained = len(comparison.comparisons) > 1
        for target in comparison.comparisons:
            op = target.operator
            for new_type, tier in _CMP.get(type(op), []):
                if not chained or _same_direction(op, new_type):
                    yield Edit(op, _like(op, new_type), "comparison-operator", tier)


@lru_cache(maxsize=16)
def _accumulated(src: SourceFile) -> dict[str, frozenset[type[cst.BaseAugOp]]]:
    """Each target the file updates in place with ``+=`` or ``-=`` (as code), with those operators."""
    found: dict[str, set[type[cst.BaseAugOp]]] = {}
    for node in nodes_in(src.module, cst.AugAssign):
        if isinstance(node.operator, cst.AddAssign | cst.SubtractAssign):
            found.setdefault(src.module.code_for_node(node.target), set()).add(type(node.operator))
    return {target: frozenset(ops) for target, ops in found.items()}


def arithmetic_operators(site: Site) -> Iterator[Edit]:
    """``+`` ↔ ``-``, ``*`` ↔ ``/``, ``/`` ↔ ``//``, ``%``, bitwise and shift swaps, also in ``+=``; ``x += e``
    → ``x = e``; ``x = e`` → ``x += e`` in a loop, or ``+=``/``-=`` (those the file uses) when the file
    accumulates ``x`` elsewhere (``self.size -= w``: a lost ``self.size += w``) (tier 2)."""
    for binary in site.of_type(cst.BinaryOperation):
        yield from _swap(binary.operator, _ARITH, "arithmetic-operator")
    for augmented in site.of_type(cst.AugAssign):
        yield from _swap(augmented.operator, _AUG, "arithmetic-operator")
        plain = cst.Assign(targets=[cst.AssignTarget(augmented.target)], value=augmented.value)
        yield Edit(augmented, plain, "arithmetic-operator", 2)
    looping = site.src.enclosing(site.nodes[0], cst.For, cst.While, cst.FunctionDef) if site.nodes else None
    in_loop = isinstance(looping, cst.For | cst.While)
    for assign in site.of_type(cst.Assign):
        target = assign.targets[0].target
        if len(assign.targets) != 1 or not isinstance(target, cst.Name | cst.Attribute | cst.Subscript):
            continue
        elsewhere = _accumulated(site.src).get(site.src.module.code_for_node(target), ())
        for operator in sorted({cst.AddAssign, *elsewhere} if in_loop or elsewhere else (), key=_AUG_ORDER.index):
            yield Edit(
                assign, cst.AugAssign(target=target, operator=operator(), value=assign.value), "arithmetic-operator", 2
            )


def boolean_operators(site: Site) -> Iterator[Edit]:
    """``and`` ↔ ``or``, and dropping one side of a boolean operation."""
    for node in site.of_type(cst.BooleanOperation):
        op = node.operator
        yield Edit(op, _like(op, cst.Or if isinstance(op, cst.And) else cst.And), "boolean-operator", 1)
        yield Edit(node, node.left.with_changes(lpar=node.lpar, rpar=node.rpar), "boolean-operator", 2)
        yield Edit(node, node.right.with_changes(lpar=node.lpar, rpar=node.rpar), "boolean-operator", 2)


def _conditions(site: Site) -> list[cst.BaseExpression]:
    tests: list[cst.BaseExpression] = [n.test for n in site.of_type(cst.If)]
    tests += [n.test for n in site.of_type(cst.While)] + [n.test for n in site.of_type(cst.IfExp)]
    operands = [o for n in site.of_type(cst.BooleanOperation) for o in (n.left, n.right)]
    return [t for t in [*tests, *operands] if not isinstance(t, cst.BooleanOperation | cst.Comparison)]


def negations(site: Site) -> Iterator[Edit]:
    """Drop a ``not``; negate a condition (comparisons are left to the operator swaps)."""
    for node in site.of_type(cst.UnaryOperation):
        if isinstance(node.operator, cst.Not):
            yield Edit(node, node.expression.with_changes(lpar=node.lpar, rpar=node.rpar), "negation", 1)
    for test in _conditions(site):
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            continue
        yield Edit(test, cst.UnaryOperation(operator=cst.Not(), expression=test), "negation", 1)
    for boolean in site.of_type(cst.BooleanOperation):
        yield Edit(boolean, cst.UnaryOperation(operator=cst.Not(), expression=boolean), "negation", 2)


_BITWISE = (cst.LeftShift, cst.RightShift, cst.BitAnd, cst.BitOr, cst.BitXor)


def _slip_tier(outer: cst.BinaryOperation, inner: cst.BinaryOperation) -> int:
    """Tier 2 when a shift or bitwise operator is involved (``value << 8 + byte``), else 3."""
    return 2 if isinstance(outer.operator, _BITWISE) or isinstance(inner.operator, _BITWISE) else 3


def precedence_slips(site: Site) -> Iterator[Edit]:
    """An operand grouped first by precedence alone, grouped the other way: ``a << b + c`` →
    ``(a << b) + c``, ``a + b << c`` → ``a + (b << c)`` (tier 2 with a shift or bitwise operator, else 3)."""
    for node in site.of_type(cst.BinaryOperation):
        right, left = node.right, node.left
        if isinstance(right, cst.BinaryOperation) and precedence(right) > precedence(node):
            first = cst.BinaryOperation(left=left, operator=node.operator, right=right.left)
            new = right.with_changes(left=first, lpar=node.lpar, rpar=node.rpar)
            yield Edit(node, new, "operator-precedence", _slip_tier(node, right))
        if isinstance(left, cst.BinaryOperation) and precedence(left) > precedence(node):
            last = cst.BinaryOperation(left=left.right, operator=node.operator, right=right)
            new = left.with_changes(right=last, lpar=node.lpar, rpar=node.rpar)
            yield Edit(node, new, "operator-precedence", _slip_tier(node, left))
    yield from _signed_powers(site)


def _signed_powers(site: Site) -> Iterator[Edit]:
    """``-a ** b`` (Python: ``-(a ** b)``) → ``(-a) ** b``: the sign meant for the base (tier 1 on a literal
    base, ``-1 ** j``, which is -1 whatever ``j``: the alternating sign a series means; else tier 2)."""
    for node in site.of_type(cst.UnaryOperation):
        power = node.expression
        if not isinstance(node.operator, cst.Minus) or not isinstance(power, cst.BinaryOperation):
            continue
        if not isinstance(power.operator, cst.Power) or power.lpar:
            continue
        base = cst.UnaryOperation(node.operator, power.left, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        new = power.with_changes(left=base, lpar=node.lpar, rpar=node.rpar)
        yield Edit(node, new, "operator-precedence", 1 if isinstance(power.left, cst.Integer | cst.Float) else 2)
