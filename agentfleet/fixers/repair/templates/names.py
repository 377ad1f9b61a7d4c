"""Name templates: wrong variable from scope, wrong attribute, wrong function, swapped arguments."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst
from libcst.metadata import Assignment, FunctionScope

from agentfleet.fixers.repair.source import Edit, Site

__all__ = ["swapped_arguments", "wrong_attribute", "wrong_function", "wrong_variable"]

_PAIRS = [
    ("min", "max"),
    ("any", "all"),
    ("lower", "upper"),
    ("startswith", "endswith"),
    ("append", "extend"),
    ("floor", "ceil"),
    ("keys", "values"),
    ("lstrip", "rstrip"),
    ("remove", "discard"),
    ("index", "find"),
    ("sorted", "reversed"),
    ("isdigit", "isalpha"),
    ("union", "intersection"),
    ("add", "update"),
]
_SWAPS = {a: b for pair in _PAIRS for a, b in (pair, pair[::-1])}
_NON_COMMUTATIVE = (cst.Subtract, cst.Divide, cst.FloorDivide, cst.Modulo, cst.Power)
_MAX_ALTERNATIVES = 8


def _local_names(scope: FunctionScope) -> list[str]:
    """Parameters and variables assigned in ``scope``, in order of appearance."""
    names = []
    for assignment in scope.assignments:
        if isinstance(assignment, Assignment) and not isinstance(
            assignment.node, cst.FunctionDef | cst.ClassDef | cst.Import | cst.ImportFrom
        ):
            names.append(assignment.name)
    return list(dict.fromkeys(names))


def wrong_variable(site: Site) -> Iterator[Edit]:
    """A local variable read on the line replaced by another local of the same function."""
    for name in site.of_type(cst.Name):
        if not site.is_local(name):
            continue
        scope = site.src.scopes[name]
        others = [n for n in _local_names(scope) if n != name.value][:_MAX_ALTERNATIVES]
        for other in others:
            yield Edit(name, name.with_changes(value=other), "wrong-variable", 2)


def _self_attributes(site: Site) -> list[str]:
    cls = site.src.enclosing(site.function, cst.ClassDef) if site.function is not None else None
    if cls is None:
        return []
    found: list[str] = []

    class _Collect(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> None:  # noqa: N802 (libcst visitor name)
            if isinstance(node.value, cst.Name) and node.value.value == "self":
                found.append(node.attr.value)

    cls.visit(_Collect())
    return list(dict.fromkeys(found))


def wrong_attribute(site: Site) -> Iterator[Edit]:
    """``self.a`` replaced by another attribute of ``self`` used in the same class."""
    known = _self_attributes(site)
    for node in site.of_type(cst.Attribute):
        if isinstance(node.value, cst.Name) and node.value.value == "self" and node.attr.value in known:
            for other in [a for a in known if a != node.attr.value][:_MAX_ALTERNATIVES]:
                yield Edit(node.attr, node.attr.with_changes(value=other), "wrong-attribute", 2)


def wrong_function(site: Site) -> Iterator[Edit]:
    """``min`` ↔ ``max``, ``any`` ↔ ``all``, ``lower`` ↔ ``upper`` and similar look-alike calls."""
    for call in site.of_type(cst.Call):
        name = call.func.attr if isinstance(call.func, cst.Attribute) else call.func
        if isinstance(name, cst.Name) and name.value in _SWAPS:
            yield Edit(name, name.with_changes(value=_SWAPS[name.value]), "wrong-function", 1)


def swapped_arguments(site: Site) -> Iterator[Edit]:
    """Two positional arguments of a call swapped; operands of ``-``, ``/``, ``//``, ``%``, ``**`` swapped."""
    for call in site.of_type(cst.Call):
        positional = [i for i, arg in enumerate(call.args) if arg.keyword is None and not arg.star]
        for n, i in enumerate(positional):
            for j in positional[n + 1 :]:
                args = list(call.args)
                args[i], args[j] = args[i].with_changes(value=args[j].value), args[j].with_changes(value=args[i].value)
                yield Edit(call, call.with_changes(args=args), "swapped-arguments", 1 if len(positional) == 2 else 2)
    for node in site.of_type(cst.BinaryOperation):
        if isinstance(node.operator, _NON_COMMUTATIVE):
            yield Edit(node, node.with_changes(left=node.right, right=node.left), "swapped-arguments", 2)
