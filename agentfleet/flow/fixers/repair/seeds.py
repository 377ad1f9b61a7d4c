"""Calls to try on a crashing function: what its tests pass it nudged outward, typical values, its defaults.

A call is a list of argument strings, each a Python literal (``'10'``) or a keyword with one
(``'limit=10'``); ``ast.literal_eval`` reads every value back, so a call can be written into a
regression test as plain source and nothing from the repository is ever evaluated host side.
A function that needs no argument is tried bare first (its defaults), then with one keyword
parameter set at a time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from agentfleet.analysis import parse_each

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


def _literal(node: ast.expr) -> tuple[bool, object]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return False, None


def _calls_in(test_sources: Iterable[str], function: str) -> list[list[tuple[str | None, object]]]:
    """Calls to ``function`` in the tests whose arguments are all literals, as ``(keyword, value)`` lists."""
    found = []
    for tree in parse_each(test_sources):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            pairs = [(None, a) for a in node.args] + [(k.arg, k.value) for k in node.keywords]
            values = [(key, _literal(value)) for key, value in pairs]
            starred = any(k.arg is None for k in node.keywords) or any(isinstance(a, ast.Starred) for a in node.args)
            if name == function and not starred and all(ok for _, (ok, _) in values):
                found.append([(key, value) for key, (_, value) in values])
    return found


def _nudged(value: object) -> list[object]:
    if isinstance(value, bool) or value is None:
        return [not value] if isinstance(value, bool) else []
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


class _Calls:
    """Distinct calls in the order they were added."""

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, args: Iterable[tuple[str | None, object]]) -> None:
        call = [repr(value) if key is None else f"{key}={value!r}" for key, value in args]
        self.found.setdefault("\0".join(call), call)


def argument_lists(test_sources: Iterable[str], function: str, params: list[Param]) -> list[list[str]]:
    """Calls to try (each a list of argument strings), most promising first, at most 200."""
    calls = _Calls()
    required = [p for p in params if p.required]
    if not required:
        calls.add([])
    for seed in _calls_in(test_sources, function):
        for i, (key, value) in enumerate(seed):
            for other in _nudged(value):
                calls.add([*seed[:i], (key, other), *seed[i + 1 :]])
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
    return list(calls.found.values())[:_LIMIT]


def _optional_values(param: Param) -> list[object]:
    """Values for an optional parameter: its default nudged outward, then typical ones for its type."""
    ok, default = _literal(ast.parse(param.default or "None", mode="eval").body)
    nudged = _nudged(default) if ok else []
    annotation = param.annotation or (type(default).__name__ if ok and default is not None else None)
    return [v for v in [*nudged, *_typical(annotation)] if not (ok and v == default and type(v) is type(default))]
