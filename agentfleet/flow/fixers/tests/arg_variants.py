"""Rare inputs derived from ordinary ones: argument lists a suite seldom passes, for the refactor gate's proof.

A refactor that changes behaviour only on inputs no recorded or generated call passes (``round(x, 1)`` for
``round(x, 2)``, a dropped ``sorted``, a set for a list, ``<`` for ``<=`` at a boundary, a widened ``except``, ``or``
for ``is None``) passes every differential test made of ordinary calls. From each such call ``rare_variants``
derives others that change one argument into a rare value of its own class:

- a number: its negation, its neighbours, a half above it, more decimals, the function's own integer constants
  (a boundary it compares with), an int for a float;
- a string: empty, upper case, with a tab and a newline around, with spaces doubled, with non-ASCII letters, inside
  a list (unhashable); a number written in it: its neighbours, signed, the function's integer constants;
- a list or tuple: reversed, rotated, its first item repeated, empty, each item in a list of its own (unhashable),
  a list for a tuple; a dict: its items in reverse order, empty;
- a flag: ``None`` and a truthy non-bool; ``None``: the falsy values of other types.

Everything stays a Python literal (a host-made repr): the writer pastes it as source. Only variants whose result
at the base commit is stable become tests (the writer's usual filter), compared exactly like the others.
"""

from __future__ import annotations

import ast
import itertools
import textwrap
from collections.abc import Iterable, Sequence

from agentfleet.analysis.functions import find_function
from agentfleet.flow.fixers.tests.calls import Call

__all__ = ["rare_calls", "rare_variants"]

_PER_VALUE = 16
"""Most variants of one argument value."""
_CONSTANTS = 6
"""Most of the function's integer constants tried in a number's place."""
_MAX_REPR = 600


def _int_constants(func: ast.AST) -> list[int]:
    """The integers ``func`` writes (comparisons, defaults, slices) and their neighbours: boundaries to sit on."""
    found: list[int] = []
    for node in ast.walk(func):
        if isinstance(node, ast.Constant) and type(node.value) is int:
            found += [node.value, node.value - 1, node.value + 1]
    return list(dict.fromkeys(found))[: _CONSTANTS * 3]


def _number(value: float, constants: list[int]) -> list[object]:
    near: list[object] = [-value, value + 1, value - 1, value + 0.5, value + 0.1234]
    if type(value) is float:
        near += [int(value), round(value) + 0.5]
    return [*near, *constants[:_CONSTANTS], *(c + 0.1234 for c in constants[:_CONSTANTS] if c > 0)]


def _digits(text: str, constants: list[int]) -> list[object]:
    """A number written in a string: its neighbours, signed, the function's constants (``"100"`` for ``> limit``)."""
    stripped = text.strip()
    if not stripped.isdigit():
        return []
    n = int(stripped)
    return [
        str(n + 1),
        str(n - 1) if n else "0",
        f"-{stripped}",
        f"+{stripped}",
        *(str(c) for c in constants[:_CONSTANTS] if c >= 0),
    ]


def _text(value: str, constants: list[int]) -> list[object]:
    found: list[object] = [*_digits(value, constants), "", value.upper(), f"\t{value}\n", value + " Éß", [value]]
    if " " in value:
        found.append(value.replace(" ", "  "))
    return found


def _items(value: list[object] | tuple[object, ...]) -> list[object]:
    kind = type(value)
    items = list(value)
    found: list[object] = [kind(reversed(items)), kind(items[1:] + items[:1]), kind([*items, *items[:1]]), kind()]
    if all(type(v) in (int, float, str, bool, bytes) for v in items):
        found.append(kind([[v] for v in items]))
    if kind is tuple:
        found.append(items)
    return found


def _dict(value: dict[object, object]) -> list[object]:
    """Reversed, empty, and with a key that sorts before the others added last (data not in key order)."""
    found: list[object] = [dict(reversed(list(value.items()))), {}]
    keys = list(value)
    if keys and all(type(k) is str for k in keys):
        found.append({**value, "": value[keys[0]]})
    elif keys and len(ints := [k for k in keys if type(k) is int]) == len(keys):
        found.append({**value, min(ints) - 1: value[keys[0]]})
    return found


def _variants(value: object, constants: list[int]) -> list[object]:
    """Rare values of ``value``'s class, most telling first."""
    if type(value) is bool:
        return [None, 2]
    if type(value) in (int, float):
        return _number(value, constants)  # type: ignore[arg-type]
    if type(value) is str:
        return _text(value, constants)
    if type(value) in (list, tuple):
        return _items(value)  # type: ignore[arg-type]
    if type(value) is dict:
        return _dict(value)  # type: ignore[arg-type]
    return [0, "", []] if value is None else []


def _per_argument(args: Sequence[str], constants: list[int]) -> list[list[list[str]]]:
    """For each argument of ``args`` (reprs), ``args`` with that argument made rare, most telling first."""
    found: list[list[list[str]]] = []
    for i, text in enumerate(args):
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            found.append([])
            continue
        shown = [repr(v) for v in _variants(value, constants)[:_PER_VALUE]]
        same = repr(value)
        found.append([[*args[:i], t, *args[i + 1 :]] for t in shown if t != same and len(t) <= _MAX_REPR])
    return found


def rare_variants(
    func: ast.AST, seeds: Sequence[Sequence[str]], known: Iterable[Sequence[str]], limit: int
) -> list[tuple[int, list[str]]]:
    """At most ``limit`` argument lists, each one of ``seeds`` (argument reprs) with one argument made rare, as
    ``(index of the seed, arguments)``; none already in ``known`` or ``seeds``. Each kind of change (an argument's
    n-th variant) comes first once, on the first two seeds in turn (the suite's first calls: its plainest), then on
    every seed: the budget goes to many kinds of rare input before it goes to many seeds."""
    constants = _int_constants(func)
    seen = {"\0".join(a) for a in [*seeds, *known]}
    table = [_per_argument(seed, constants) for seed in seeds]
    width = max((len(s) for s in seeds), default=0)
    found: list[tuple[int, list[str]]] = []
    for pool, each in ((min(2, len(seeds)), 1), (len(seeds), len(seeds))):
        for rank, i in itertools.product(range(_PER_VALUE), range(width)):
            taken = 0
            for k in range(pool):
                s = (rank + i + k) % pool
                made = table[s][i][rank] if i < len(table[s]) and rank < len(table[s][i]) else None
                if made is None or (key := "\0".join(made)) in seen:
                    continue
                seen.add(key)
                found.append((s, made))
                taken += 1
                if taken == each:
                    break
    return found[:limit]


def _function(source: str, qualname: str) -> ast.AST | None:
    span = find_function(source, qualname)
    if span is None:
        return None
    text = "\n".join(source.splitlines()[span.start - 1 : span.end])
    try:
        return ast.parse(textwrap.dedent(text))
    except SyntaxError:  # a decorator or line continuation the slice cut: no constants, the variants still come
        return ast.Module(body=[], type_ignores=[])


def rare_calls(source: str, qualname: str, calls: Sequence[Call], limit: int) -> list[Call]:
    """At most ``limit`` calls of rare inputs derived from ``calls`` (``plan_calls``'s: the suite's replayed calls
    and the first two of the writer's own), each on the instance its ordinary call was made on, numbered after them."""
    func = _function(source, qualname) if limit > 0 else None
    if func is None:
        return []
    plain = [c for c in calls if not c.prior and not c.attribute]
    seeds = [c for c in plain if c.tolerant] + [c for c in plain if not c.tolerant][:2]
    made = rare_variants(func, [list(c.args) for c in seeds], [list(c.args) for c in calls], limit)
    first = max((c.id for c in calls), default=-1) + 1
    return [
        Call(first + k, qualname, tuple(args), seeds[i].init, seeds[i].is_async) for k, (i, args) in enumerate(made)
    ]
