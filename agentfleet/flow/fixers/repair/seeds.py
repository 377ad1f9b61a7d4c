"""Calls to try on a crashing function: what its tests pass it nudged outward, typical values, its defaults.

A call is a list of argument strings, each a Python literal (``'10'``) or a keyword with one
(``'limit=10'``); ``ast.literal_eval`` reads every value back, so a call can be written into a
regression test as plain source and nothing from the repository is ever evaluated host side.
A function that needs no argument is tried bare first (its defaults), then with one keyword
parameter set at a time.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable
from dataclasses import dataclass

from agentfleet.flow.fixers.repair.tested_calls import calls_in, value_of

__all__ = ["Param", "argument_lists", "parameters"]

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


@dataclass(frozen=True)
class Param:
    """One parameter of the crashing function."""

    name: str
    annotation: str | None = None
    default: str | None = None
    """Source of the default value; ``None`` when the parameter is required."""
    keyword_only: bool = False
    positional_only: bool = False

    @property
    def required(self) -> bool:
        """The call must pass it."""
        return self.default is None


def parameters(source: str, function: str) -> list[Param] | None:
    """The named parameters of module-level ``function`` (not ``*args``/``**kw``); ``None`` if absent."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function:
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
            only = {id(a) for a in args.posonlyargs}
            found = [_param(a, d, positional_only=id(a) in only) for a, d in zip(positional, defaults, strict=True)]
            found += [_param(a, d, keyword_only=True) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)]
            return found
    return None


def _param(
    arg: ast.arg, default: ast.expr | None, *, keyword_only: bool = False, positional_only: bool = False
) -> Param:
    annotation = ast.unparse(arg.annotation) if arg.annotation else None
    source = ast.unparse(default) if default is not None else None
    return Param(arg.arg, annotation, source, keyword_only, positional_only)


def _nudged(value: object, *, far_first: bool = False) -> list[object]:
    """Values near ``value``; ``far_first`` (reproducing a crash): orders of magnitude away first (tables
    indexed by magnitude — units, suffixes, powers — break there, past every row the tests tried), and a
    list cut to one item."""
    if isinstance(value, bool) or value is None:
        return [not value] if isinstance(value, bool) else []
    if isinstance(value, int | float):
        near: list[object] = [value * 2, value * 10, value + 10, value + 1, value - 1, -value, value + 100, 0]
        far = [v for v in (value * 10**6, value * 1000) if isinstance(v, int) or math.isfinite(v)]
        return [*far, *near] if far_first else near
    if isinstance(value, str):
        return ["", value * 2, value.upper(), " " + value]
    if isinstance(value, list | tuple):
        one = [type(value)(value[:1])] if far_first else []
        return [type(value)(), *one, type(value)([*value, *value]), type(value)([None])]
    return []


def _typical(annotation: str | None) -> list[object]:
    base = (annotation or "").split("[", 1)[0].split("|", 1)[0].strip()
    return _TYPICAL.get(base, _ANY)


class _Calls:
    """Distinct calls in the order they were added."""

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, args: Iterable[tuple[str | None, object]]) -> None:
        call = [repr(value) if key is None else f"{key}={value!r}" for key, value in args]
        self.found.setdefault("\0".join(call), call)


def _seed_calls(calls: _Calls, test_sources: Iterable[str], function: str, breadth: bool, own: bool) -> None:
    """Each call in the tests with one argument nudged (``own``: each as it is first); ``breadth``: the
    farthest nudge of every call first."""
    if own:
        for seed in calls_in(test_sources, function):
            calls.add(seed)
    variants = [
        [[*seed[:i], (key, other), *seed[i + 1 :]] for other in _nudged(value, far_first=breadth)]
        for seed in calls_in(test_sources, function)
        for i, (key, value) in enumerate(seed)
    ]
    if breadth:
        variants = [
            [v[depth] for v in variants if depth < len(v)] for depth in range(max(map(len, variants), default=0))
        ]
    for found in variants:
        for call in found:
            calls.add(call)


def argument_lists(
    test_sources: Iterable[str],
    function: str,
    params: list[Param],
    *,
    breadth: bool = False,
    own: bool = False,
    limit: int = _LIMIT,
) -> list[list[str]]:
    """Calls to try (each a list of argument strings), most promising first, at most ``limit``.

    ``breadth`` (reproducing a crash): every call in the tests moved far first, then nearer; otherwise
    (behaviour) each call's near variants together. ``own``: the tests' calls themselves come first
    (constructors: an instance as the tests build it)."""
    calls = _Calls()
    tests = list(test_sources)
    required = [p for p in params if p.required]
    if not required:
        calls.add([])
    _seed_calls(calls, tests, function, breadth, own)
    typical = [_typical(p.annotation) for p in required]
    keys = [p.name if p.keyword_only else None for p in required]
    for depth in range(max((len(t) for t in typical), default=0)):
        calls.add(zip(keys, (values[min(depth, len(values) - 1)] for values in typical), strict=True))
    base = [(key, values[0]) for key, values in zip(keys, typical, strict=True)]
    for i, values in enumerate(typical):
        for value in values:
            calls.add([*base[:i], (keys[i], value), *base[i + 1 :]])
    for param in params:
        if not param.required and not param.positional_only:
            for value in _optional_values(param):
                calls.add([*base, (param.name, value)])
    return list(calls.found.values())[:limit]


def _optional_values(param: Param) -> list[object]:
    """Values for an optional parameter: its default nudged outward, then typical ones for its type."""
    ok, default = value_of(ast.parse(param.default or "None", mode="eval").body)
    nudged = _nudged(default) if ok else []
    annotation = param.annotation or (type(default).__name__ if ok and default is not None else None)
    return [v for v in [*nudged, *_typical(annotation)] if not (ok and v == default and type(v) is type(default))]
