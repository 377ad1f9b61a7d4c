"""A number whose sign the function handles apart, used whole where its magnitude belongs.

``sign = -1 if n < 0 else 1`` … ``rest = n`` … ``return sign * out``: the function looks at ``n``'s sign on
its own, so the copy it works digits or steps out of wants ``abs(n)`` (floor division of a negative number
never reaches 0: the loop hangs). The edit is narrow (only names the function compares with 0, only where
the line copies one or passes it whole), so a copy is tier 1 (the line, a trivial assignment, ranks low)
and a call argument tier 2. Its own family (``sign-magnitude``), so the benchmark can tell it from ``call-wrap``.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import nodes_in

__all__ = ["sign_magnitudes"]

_ORDER = (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)


def _zero(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Integer) and node.evaluated_value == 0


def _signed(function: cst.FunctionDef) -> set[str]:
    """Names ``function`` compares with 0 by order (``n < 0``, ``0 >= n``)."""
    names = set()
    for comparison in nodes_in(function, cst.Comparison):
        left = comparison.left
        for target in comparison.comparisons:
            right = target.comparator
            if isinstance(target.operator, _ORDER):
                if isinstance(left, cst.Name) and _zero(right):
                    names.add(left.value)
                elif isinstance(right, cst.Name) and _zero(left):
                    names.add(right.value)
            left = right
    return names


def _abs(name: cst.Name) -> cst.Call:
    return cst.Call(cst.Name("abs"), [cst.Arg(name)])


def sign_magnitudes(site: Site) -> Iterator[Edit]:
    """``rest = n`` → ``rest = abs(n)`` (tier 1) and ``f(n)`` → ``f(abs(n))`` (tier 2) for a local ``n`` the
    function compares with 0 elsewhere."""
    if site.function is None or site.of_type(cst.Comparison):
        return
    signed = _signed(site.function)
    if not signed:
        return
    for assign in site.of_type(cst.Assign):
        value = assign.value
        if isinstance(value, cst.Name) and value.value in signed and site.is_local(value):
            yield Edit(value, _abs(value), "sign-magnitude", 1)
    for call in site.of_type(cst.Call):
        if isinstance(call.func, cst.Name) and call.func.value == "abs":
            continue
        for arg in call.args:
            value = arg.value
            if isinstance(value, cst.Name) and value.value in signed and site.is_local(value) and not arg.keyword:
                yield Edit(value, _abs(value), "sign-magnitude", 2)
