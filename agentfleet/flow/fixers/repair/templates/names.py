"""Name templates: wrong variable from scope, wrong attribute, wrong function, swapped arguments."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations

import libcst as cst
from libcst.metadata import Assignment, FunctionScope

from agentfleet.flow.fixers.repair.source import Edit, Site, SourceFile
from agentfleet.flow.fixers.repair.templates.context import nodes_in

__all__ = ["extra_call", "swapped_arguments", "wrong_attribute", "wrong_function", "wrong_variable"]

_MAX_SWAPPED_ITEMS = 4
"""Tuples up to this long get two items swapped (a pair at tier 2, longer ones at tier 3)."""

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
    ("pop", "popleft"),
    ("append", "appendleft"),
]
_SWAPS = {a: [b for pair in _PAIRS if a in pair for b in pair if b != a] for pair in _PAIRS for a in pair}
"""A name → its look-alikes, in the order the pairs list them."""
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
        def visit_Attribute(self, node: cst.Attribute) -> None:
            if isinstance(node.value, cst.Name) and node.value.value == "self":
                found.append(node.attr.value)

    cls.visit(_Collect())
    return list(dict.fromkeys(found))


class _Fields(cst.CSTVisitor):
    """Collects ``var.field`` reads (not ``var.method(...)`` calls) off names other than ``self``/``cls``."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []
        self.methods: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute):
            self.methods.add(id(node.func))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        named = isinstance(node.value, cst.Name) and node.value.value not in ("self", "cls")
        if named and id(node) not in self.methods:
            self.fields.append(node.attr.value)


@lru_cache(maxsize=16)
def _fields(src: SourceFile) -> tuple[str, ...]:
    """Field names the file reads off variables (``node.successor``), in order of appearance."""
    collector = _Fields()
    src.module.visit(collector)
    return tuple(dict.fromkeys(collector.fields))


def wrong_attribute(site: Site) -> Iterator[Edit]:
    """``self.a`` → another attribute of ``self`` in the class (tier 2); ``node.a`` → another field the
    file reads off a local variable (tier 3)."""
    known = _self_attributes(site)
    for node in site.of_type(cst.Attribute):
        if not isinstance(node.value, cst.Name):
            continue
        if node.value.value == "self" and node.attr.value in known:
            others, tier = [a for a in known if a != node.attr.value], 2
        elif site.is_local(node.value) and node.attr.value in _fields(site.src):
            others, tier = [a for a in _fields(site.src) if a != node.attr.value], 3
        else:
            continue
        for other in others[:_MAX_ALTERNATIVES]:
            yield Edit(node.attr, node.attr.with_changes(value=other), "wrong-attribute", tier)


def wrong_function(site: Site) -> Iterator[Edit]:
    """``min`` ↔ ``max``, ``any`` ↔ ``all``, ``lower`` ↔ ``upper`` and similar look-alike calls."""
    for call in site.of_type(cst.Call):
        name = call.func.attr if isinstance(call.func, cst.Attribute) else call.func
        for other in _SWAPS.get(name.value, []) if isinstance(name, cst.Name) else []:
            yield Edit(name, name.with_changes(value=other), "wrong-function", 1)


def extra_call(site: Site) -> Iterator[Edit]:
    """``f(x)`` → ``x``: a call too many."""
    for call in site.of_type(cst.Call):
        if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
            continue
        yield Edit(call, call.args[0].value, "wrong-function", 3)


def swapped_arguments(site: Site) -> Iterator[Edit]:
    """Two positional arguments of a call swapped; two items of a tuple (``(node, dist)`` → ``(dist, node)``:
    tier 2; of three or four items, ``return g, y, x`` → ``return g, x, y``: tier 3), also the two names an
    assignment or a ``for`` unpacks a value into (``secs, mins = divmod(s, 60)``) unless an assignment's value is
    a tuple or list display (swapping the value writes the same edits); operands of ``-``, ``/``, ``//``, ``%``, ``**``
    swapped (of ``+`` too, last: strings and lists do not commute)."""
    for call in site.of_type(cst.Call):
        positional = [i for i, arg in enumerate(call.args) if arg.keyword is None and not arg.star]
        for n, i in enumerate(positional):
            for j in positional[n + 1 :]:
                args = list(call.args)
                args[i], args[j] = args[i].with_changes(value=args[j].value), args[j].with_changes(value=args[i].value)
                yield Edit(call, call.with_changes(args=args), "swapped-arguments", 1 if len(positional) == 2 else 2)
    for group in site.of_type(cst.Tuple):
        items = list(group.elements)
        if len(items) > _MAX_SWAPPED_ITEMS or _left_alone(site, group):
            continue
        if any(isinstance(e, cst.StarredElement) for e in items):
            continue
        for i, j in combinations(range(len(items)), 2):
            swapped = list(items)
            swapped[i] = items[i].with_changes(value=items[j].value)
            swapped[j] = items[j].with_changes(value=items[i].value)
            yield Edit(group, group.with_changes(elements=swapped), "swapped-arguments", 2 if len(items) == 2 else 3)
    for node in site.of_type(cst.BinaryOperation):
        if isinstance(node.operator, (*_NON_COMMUTATIVE, cst.Add)):
            tier = 3 if isinstance(node.operator, cst.Add) else 2
            yield Edit(node, node.with_changes(left=node.right, right=node.left), "swapped-arguments", tier)


def _names(group: cst.Tuple) -> frozenset[str] | None:
    """The names a tuple holds, when it holds nothing else."""
    names = [e.value.value for e in group.elements if isinstance(e.value, cst.Name)]
    return frozenset(names) if len(names) == len(group.elements) else None


def _left_alone(site: Site, group: cst.Tuple) -> bool:
    """``group`` is a target left to other swaps: of three or more names, assigned a tuple or list display (``a, b
    = b, a + b``: swapping the value writes the same edits), or of two names the function also packs into a tuple
    (``node, dist = queue.pop()`` where it pushes ``(dist, node)``: that is where a swap belongs)."""
    parent = site.src.parent(group)
    if not isinstance(parent, cst.AssignTarget) and not (
        isinstance(parent, cst.For | cst.CompFor) and parent.target is group
    ):
        return False
    statement = site.src.parent(parent) if isinstance(parent, cst.AssignTarget) else None
    if len(group.elements) > 2 or (
        isinstance(statement, cst.Assign) and isinstance(statement.value, cst.Tuple | cst.List)
    ):
        return True
    names = _names(group)
    packed = (t for t in nodes_in(site.function, cst.Tuple) if t is not group) if site.function else ()
    return names is None or any(_names(t) == names for t in packed)
