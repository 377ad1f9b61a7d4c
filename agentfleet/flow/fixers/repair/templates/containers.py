"""An empty container of the wrong kind: ``counts = []`` where the function then calls ``counts.get(...)``
(a mapping's method), ``seen = {}`` where it calls ``seen.add(...)`` (a set's). The literal says one kind,
every method called on the name says another, so the first call raises ``AttributeError``."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import nodes_in

__all__ = ["container_kinds"]

_METHODS = {
    "dict": frozenset({"get", "items", "keys", "values", "setdefault", "popitem"}),
    "list": frozenset({"append", "extend", "insert", "sort", "reverse", "index"}),
    "set": frozenset({"add", "discard", "issubset", "issuperset", "symmetric_difference"}),
}
"""Methods only one of the three kinds has (``pop``, ``update``, ``copy``, ``clear``: shared, left out)."""
_EMPTY = {"dict": "{}", "list": "[]", "set": "set()"}


def _empty_kind(value: cst.BaseExpression) -> str | None:
    """``dict``, ``list`` or ``set`` for an empty literal of that kind (``{}``, ``[]``, ``dict()``, ``set()``)."""
    if isinstance(value, cst.Dict) and not value.elements:
        return "dict"
    if isinstance(value, cst.List) and not value.elements:
        return "list"
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and not value.args:
        return value.func.value if value.func.value in _EMPTY else None
    return None


def _kinds_called(root: cst.CSTNode, name: str) -> set[str]:
    """The kinds whose own methods ``root`` calls on ``name``."""
    called = {
        call.func.attr.value
        for call in nodes_in(root, cst.Call)
        if isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name)
        if call.func.value.value == name
    }
    return {kind for kind, methods in _METHODS.items() if called & methods}


def container_kinds(site: Site) -> Iterator[Edit]:
    """``name = []`` → ``name = {}`` (or ``set()``, ``[]``) when every kind-specific method the function (else the
    file) calls on ``name`` is of that one other kind (tier 1: it fires only where the code cannot run as
    written)."""
    root = site.function or site.src.module
    for assign in site.of_type(cst.Assign):
        target = assign.targets[0].target
        kind = _empty_kind(assign.value)
        if len(assign.targets) != 1 or not isinstance(target, cst.Name) or kind is None:
            continue
        wanted = _kinds_called(root, target.value)
        if len(wanted) == 1 and kind not in wanted:
            yield Edit(assign.value, cst.parse_expression(_EMPTY[wanted.pop()]), "container-kind", 1)
