"""A recursive call that hands its list accumulator on unchanged: ``walk(nxt, path)`` where a walk that
collects paths (or permutations, or subsets) should carry ``path + [nxt]``."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import annotation_base, nodes_in

__all__ = ["grown_accumulators"]

_LISTS = ("list", "List")


def _list_parameters(site: Site, function: cst.FunctionDef) -> list[str | None]:
    """The function's positional parameters, by position, named where they hold a list: annotated as one, or
    passed a list display by some call of the function in the file."""
    params = list(function.params.params)
    lists: list[str | None] = [p.name.value if annotation_base(p.annotation) in _LISTS else None for p in params]
    for call in nodes_in(site.src.module, cst.Call):
        if not isinstance(call.func, cst.Name) or call.func.value != function.name.value:
            continue
        for index, arg in enumerate(call.args[: len(params)]):
            if arg.keyword is None and isinstance(arg.value, cst.List):
                lists[index] = params[index].name.value
    return lists


def grown_accumulators(site: Site) -> Iterator[Edit]:
    """``f(x, acc)`` → ``f(x, acc + [x])`` at a recursive call that passes the function's own list parameter
    ``acc`` back in its place, for each other argument ``x`` of the call that is a plain name (tier 2)."""
    function = site.function
    if function is None:
        return
    lists: list[str | None] | None = None
    for call in site.of_type(cst.Call):
        if not isinstance(call.func, cst.Name) or call.func.value != function.name.value:
            continue
        lists = lists if lists is not None else _list_parameters(site, function)
        for index, arg in enumerate(call.args[: len(lists)]):
            value = arg.value
            if arg.keyword is not None or not isinstance(value, cst.Name) or value.value != lists[index]:
                continue
            for other in call.args:
                if other is not arg and isinstance(other.value, cst.Name):
                    grown = cst.BinaryOperation(value, cst.Add(), cst.List([cst.Element(other.value)]))
                    yield Edit(value, grown, "grown-accumulator", 2)
