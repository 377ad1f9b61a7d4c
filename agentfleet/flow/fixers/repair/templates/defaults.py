"""Lookups that should not fail and values that should stay in bounds: a call's missing default
(``getattr(o, n)`` → ``getattr(o, n, None)``, ``d[k]`` → ``d.get(k, 0)``) and a clamp to a bound in
scope (``xs[i - 1]`` → ``xs[max(i - 1, 0)]``, ``at = e`` → ``at = min(e, limit)``).

A subscript becomes ``.get`` only on a mapping the function or file shows as one (a ``{}`` or ``dict()``
assigned to it, a mapping annotation, ``.get``/``.items``/``.keys``/``.values``/``.setdefault`` called on
it); its default is ``0`` where the value is an operand of arithmetic, ``[]`` where it is iterated and
none (``None``) elsewhere. Clamp bounds are ``0``, ``len(xs) - 1`` for an index of ``xs``, and what the
function compares the assigned variable with; literal indices are never clamped.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site, SourceFile
from agentfleet.flow.fixers.repair.templates.context import annotation_base, code, free_names, nodes_in, resolvable

__all__ = ["call_defaults", "clamps"]

_MAPPING_TYPES = frozenset({"dict", "Dict", "Mapping", "MutableMapping", "Counter", "defaultdict", "OrderedDict"})
_MAPPING_METHODS = frozenset({"get", "items", "keys", "values", "setdefault"})
_LITERAL_INDEX = (cst.Integer, cst.SimpleString, cst.Float)
_MAX_CLAMPS = 6


@lru_cache(maxsize=16)
def _mappings(src: SourceFile) -> frozenset[str]:
    """Expressions (as code) the file shows to be mappings."""
    found = {
        code(call.func.value)
        for call in nodes_in(src.module, cst.Call)
        if isinstance(call.func, cst.Attribute) and call.func.attr.value in _MAPPING_METHODS
    }
    for assign in nodes_in(src.module, cst.Assign):
        value = assign.value
        if isinstance(value, cst.Dict | cst.DictComp) or (
            isinstance(value, cst.Call) and code(value.func) in ("dict", "defaultdict", "Counter")
        ):
            found.update(code(t.target) for t in assign.targets)
    module, mapping = src.module, _MAPPING_TYPES
    found.update(code(a.target) for a in nodes_in(module, cst.AnnAssign) if annotation_base(a.annotation) in mapping)
    found.update(p.name.value for p in nodes_in(module, cst.Param) if annotation_base(p.annotation) in mapping)
    return frozenset(found)


def _is_target(site: Site, node: cst.CSTNode) -> bool:
    parent = site.src.parent(node)
    if isinstance(parent, cst.AugAssign | cst.For | cst.CompFor):
        return parent.target is node
    return isinstance(parent, cst.AssignTarget | cst.Del)


def _default(site: Site, node: cst.CSTNode) -> str | None:
    """The default a lookup at ``node`` needs: ``0`` for arithmetic, ``[]`` for iteration, none elsewhere."""
    parent = site.src.parent(node)
    if isinstance(parent, cst.BinaryOperation) or (isinstance(parent, cst.AugAssign) and parent.value is node):
        return "0"
    if isinstance(parent, cst.For | cst.CompFor) and parent.iter is node:
        return "[]"
    return None


def _single_index(sub: cst.Subscript) -> cst.BaseExpression | None:
    if len(sub.slice) != 1 or not isinstance(sub.slice[0].slice, cst.Index):
        return None
    return sub.slice[0].slice.value


def _with_arg(call: cst.Call, value: str) -> cst.Call:
    args = list(call.args)
    args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return call.with_changes(args=[*args, cst.Arg(cst.parse_expression(value))])


def call_defaults(site: Site) -> Iterator[Edit]:
    """``d[k]`` → ``d.get(k, default)`` on a mapping, ``getattr(o, n)`` / ``next(it)`` / ``d.pop(k)`` with a
    ``None`` default (tier 2)."""
    mappings = _mappings(site.src)
    for sub in site.of_type(cst.Subscript):
        key = _single_index(sub)
        if key is None or code(sub.value) not in mappings or _is_target(site, sub):
            continue
        default = _default(site, sub)
        text = f"{code(sub.value)}.get({code(key)}{'' if default is None else ', ' + default})"
        yield Edit(sub, cst.parse_expression(text), "call-default", 2)
    for call in site.of_type(cst.Call):
        if any(a.keyword is not None or a.star for a in call.args):
            continue
        name = code(call.func)
        method = call.func.attr.value if isinstance(call.func, cst.Attribute) else ""
        if (
            (name == "getattr" and len(call.args) == 2)
            or (name == "next" and len(call.args) == 1)
            or (method == "pop" and len(call.args) == 1 and code(call.func.value) in mappings)  # type: ignore[attr-defined]
        ):
            yield Edit(call, _with_arg(call, "None"), "call-default", 2)


def _clamped(expr: cst.BaseExpression, function: str, bound: str) -> cst.BaseExpression:
    return cst.parse_expression(f"{function}({code(expr)}, {bound})")


def _index_clamps(site: Site) -> Iterator[Edit]:
    mappings = _mappings(site.src)
    for sub in site.of_type(cst.Subscript):
        container = code(sub.value)
        if container in mappings or not isinstance(sub.value, cst.Name | cst.Attribute):
            continue
        for element in sub.slice:
            slot = element.slice
            if isinstance(slot, cst.Index) and not isinstance(slot.value, _LITERAL_INDEX + (cst.UnaryOperation,)):
                for function, bound in (("max", "0"), ("min", f"len({container}) - 1")):
                    new = slot.with_changes(value=_clamped(slot.value, function, bound))
                    yield Edit(slot, new, "clamp", 3)
            elif isinstance(slot, cst.Slice):
                for end in (slot.lower, slot.upper):
                    if end is not None and not isinstance(end, _LITERAL_INDEX + (cst.UnaryOperation,)):
                        yield Edit(end, _clamped(end, "max", "0"), "clamp", 3)


def _compared_bounds(site: Site, name: str) -> list[str]:
    """What the function compares ``name`` with (``at > limit`` → ``limit``), when it means something at the line."""
    if site.function is None:
        return []
    found = []
    for comparison in nodes_in(site.function, cst.Comparison):
        sides = [comparison.left, *(c.comparator for c in comparison.comparisons)]
        for mine, other in pairwise(sides):
            for a, b in ((mine, other), (other, mine)):
                if isinstance(a, cst.Name) and a.value == name and name not in free_names(b) and resolvable(site, b):
                    found.append(code(b))
    return [b for b in dict.fromkeys(found) if not b.lstrip("-").isdigit()]


def _value_clamps(site: Site) -> Iterator[Edit]:
    for assign in site.of_type(cst.Assign):
        targets = [t.target for t in assign.targets]
        if len(targets) != 1 or not isinstance(targets[0], cst.Name) or isinstance(assign.value, _LITERAL_INDEX):
            continue
        for bound in _compared_bounds(site, targets[0].value):
            for function in ("min", "max"):
                yield Edit(assign.value, _clamped(assign.value, function, bound), "clamp", 3)


def clamps(site: Site) -> Iterator[Edit]:
    """An index kept in range (``xs[max(e, 0)]``, ``xs[min(e, len(xs) - 1)]``, a slice bound ``max(e, 0)``) or an
    assigned value kept within what the function compares it with (``min(e, limit)``, ``max(e, limit)``) (tier 3)."""
    if site.function is None:
        return
    for count, edit in enumerate([*_index_clamps(site), *_value_clamps(site)]):
        if count >= _MAX_CLAMPS:
            return
        yield edit
