"""A ``for`` loop whose variable its body never reads: ``for p in permutations(rest): yield [x] + rest``. The
loop then does the same thing every time, which is rarely meant; the likeliest slip is a name the body reads
where it meant the loop's variable."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import free_names

__all__ = ["unused_loop_variables"]


def _bound(loop: cst.For) -> list[str]:
    """The plain names ``loop`` binds (``for i, x in …``: ``i`` and ``x``), ``_``-names left out."""
    target = loop.target
    items = [e.value for e in target.elements] if isinstance(target, cst.Tuple) else [target]
    return [i.value for i in items if isinstance(i, cst.Name) and not i.value.startswith("_")]


def unused_loop_variables(site: Site) -> Iterator[Edit]:
    """A local the line reads → the variable of a ``for`` loop around it that its body never reads (tier 1: it
    fires only where a loop ignores what it iterates over)."""
    stmt = site.statement
    loop = site.src.enclosing(stmt, cst.For, cst.FunctionDef) if stmt is not None else None
    if not isinstance(loop, cst.For) or isinstance(stmt, cst.For):
        return
    read = free_names(loop.body) | (free_names(loop.orelse) if loop.orelse else frozenset())
    unused = [v for v in _bound(loop) if v not in read]
    for name in site.of_type(cst.Name) if unused else []:
        if site.is_local(name) and name.value not in _bound(loop):
            for variable in unused:
                yield Edit(name, cst.Name(variable), "unused-loop-variable", 1)
