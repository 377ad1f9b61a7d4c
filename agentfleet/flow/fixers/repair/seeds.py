"""Argument lists to try on a crashing function: what its tests pass it, nudged outward, or typical values.

Everything here is a Python literal (``ast.literal_eval`` reads it back), so a call can be written
into a regression test as plain source and nothing from the repository is ever evaluated host side.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from agentfleet.analysis import parse_each

__all__ = ["argument_lists", "parameters"]

_TYPICAL: dict[str, list[object]] = {
    "int": [0, 1, -1, 10, 100, 1000, 10**6],
    "float": [0.0, 1.0, -1.0, 1e9],
    "str": ["", " ", "a", "x" * 1000],
    "list": [[], [0], [None]],
    "dict": [{}],
    "bool": [True, False],
}
_ANY: list[object] = [None, 0, "", [], -1, 10**6]
_LIMIT = 200


def parameters(source: str, function: str) -> list[tuple[str, str | None]] | None:
    """``(name, annotation)`` of the positional parameters of module-level ``function``; ``None`` if absent."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function:
            args = [*node.args.posonlyargs, *node.args.args]
            required = len(args) - len(node.args.defaults)
            return [(a.arg, ast.unparse(a.annotation) if a.annotation else None) for a in args[:required]]
    return None


def _calls_in(test_sources: Iterable[str], function: str, arity: int) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = []
    for tree in parse_each(test_sources):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) != arity or node.keywords:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name != function:
                continue
            try:
                found.append(tuple(ast.literal_eval(arg) for arg in node.args))
            except (ValueError, SyntaxError, TypeError):
                continue
    return found


def _nudged(value: object) -> list[object]:
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int | float):
        return [value * 2, value * 10, value + 10, value + 1, value - 1, -value, value + 100, 0]
    if isinstance(value, str):
        return ["", value * 2, value.upper(), " " + value]
    if isinstance(value, list | tuple):
        return [type(value)(), type(value)([*value, *value]), type(value)([None])]
    return []


def _typical(annotation: str | None) -> list[object]:
    base = (annotation or "").split("[", 1)[0].split("|", 1)[0].strip()
    return _TYPICAL.get(base, _ANY)


def argument_lists(test_sources: Iterable[str], function: str, params: list[tuple[str, str | None]]) -> list[list[str]]:
    """Argument lists (each a list of literal reprs) to try, most promising first, at most 200."""
    seeds = _calls_in(test_sources, function, len(params))
    tried: dict[str, list[str]] = {}

    def add(args: tuple[object, ...]) -> None:
        reprs = [repr(a) for a in args]
        tried.setdefault("\0".join(reprs), reprs)

    for seed in seeds:
        for i, value in enumerate(seed):
            for other in _nudged(value):
                add((*seed[:i], other, *seed[i + 1 :]))
    typical = [_typical(annotation) for _, annotation in params]
    for depth in range(max((len(t) for t in typical), default=0)):
        add(tuple(values[min(depth, len(values) - 1)] for values in typical))
    for i, values in enumerate(typical):
        base = tuple(t[0] for t in typical)
        for value in values:
            add((*base[:i], value, *base[i + 1 :]))
    return list(tried.values())[:_LIMIT]
