"""A stack the function takes from but never pushes on: ``while stack and items[stack[-1]] < x:
stack.pop()`` in a ``for i, x in …`` loop with no ``stack.append(i)`` (a monotonic stack, a DFS)."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import nodes_in
from agentfleet.flow.fixers.repair.templates.updates import collection_kind

__all__ = ["stack_pushes"]

_FILLERS = frozenset({"append", "extend", "insert", "appendleft", "extendleft"})


def _taken_never_filled(function: cst.FunctionDef, name: str) -> bool:
    """The function pops ``name`` or reads its top (``name[-1]``) and never fills it."""
    methods = {
        a.attr.value
        for a in nodes_in(function, cst.Attribute)
        if isinstance(a.value, cst.Name) and a.value.value == name
    }
    if methods & _FILLERS:
        return False
    grown = [a.target for a in nodes_in(function, cst.AugAssign)]
    grown += [
        t.target for a in nodes_in(function, cst.Assign) for t in a.targets if isinstance(t.target, cst.Subscript)
    ]
    if any(isinstance(t, cst.Name | cst.Subscript) and _names(t, name) for t in grown):
        return False
    tops = [s for s in nodes_in(function, cst.Subscript) if isinstance(s.value, cst.Name) and s.value.value == name]
    return "pop" in methods or bool(tops)


def _names(node: cst.CSTNode, name: str) -> bool:
    target = node.value if isinstance(node, cst.Subscript) else node
    return isinstance(target, cst.Name) and target.value == name


def _loop_variables(loop: cst.For) -> list[str]:
    target = loop.target
    items = [e.value for e in target.elements] if isinstance(target, cst.Tuple) else [target]
    return [item.value for item in items if isinstance(item, cst.Name)]


def stack_pushes(site: Site) -> Iterator[Edit]:
    """``S.append(v)`` as the last statement of the ``for`` loop around the line, for a list ``S`` the function
    takes from but never fills and each variable ``v`` the loop binds (tier 2)."""
    function, stmt = site.function, site.statement
    loop = site.src.enclosing(stmt, cst.For, cst.FunctionDef) if stmt is not None else None
    if function is None or not isinstance(loop, cst.For) or not isinstance(loop.body, cst.IndentedBlock):
        return
    taken = [
        name.value
        for name in nodes_in(loop, cst.Name)
        if collection_kind(site, name.value) == "append" and _taken_never_filled(function, name.value)
    ]
    for stack in dict.fromkeys(taken):
        for variable in _loop_variables(loop):
            push = cst.parse_statement(f"{stack}.append({variable})")
            body = loop.body.with_changes(body=[*loop.body.body, push])
            yield Edit(loop.body, body, "stack-push", 2)
