"""Counts kept across calls, read from the AST: a fix that holds for the first thousand calls holds in every
test run. The suspicious-construct review flags them as time bombs."""

from __future__ import annotations

import ast

from agentfleet.analysis._bindings import FUNCTIONS, declared, module_names, root, stored

__all__ = ["counters"]


_GROWERS = frozenset({"append", "add", "extend", "insert", "appendleft", "extendleft", "setdefault", "update"})
"""Methods that add to a container."""
_CHANGERS = _GROWERS | {"pop", "popitem", "popleft", "clear", "remove", "discard"}
"""Methods that add to a container or take from it."""


def counters(tree: ast.Module) -> list[tuple[ast.AST, str]]:
    """Counts kept across calls: ``n += 1`` on a name a function declares global, ``_STATE["calls"] += 1`` on
    the module's state, the same spelled as an assignment (``f.calls = getattr(f, "calls", 0) + 1`` on the
    function itself), a draw from an iterator of the module's compared (``next(_CALLS) < 1000``), the size of a
    module-level container (or a mutable default argument, ``_calls=[]``, or an item of either: ``_CALLS["n"]``) the
    calls add to compared (``len(_SEEN) < 1000``) other than to add to it or empty it, a cache's statistics compared
    (``f.cache_info().misses < 1000``) — code whose behaviour can change after enough calls."""
    module, found = module_names(tree) | _top_functions(tree), {}
    functions = [n for n in ast.walk(tree) if isinstance(n, FUNCTIONS)]
    grown = {name for func in functions for name in _grows(func)} & module
    for func in functions:
        kept = _kept_defaults(func)
        own = declared(func) | kept
        state = own | (module - (stored(func) - own))
        advanced = {
            name for n in ast.walk(func) if isinstance(n, ast.Assign) and _next_of(n.value, state) for name in stored(n)
        }
        guards = {id(c): n for n in ast.walk(func) if isinstance(n, ast.If | ast.While) for c in ast.walk(n.test)}
        sized = (grown | (_grows(func) & kept)) & state
        for node in ast.walk(func):
            if _counts(node, state, advanced) or _sized(node, sized, guards.get(id(node))):
                found[id(node)] = (node, f"`{ast.unparse(node)[:80]}` counts in state kept across calls")
    return list(found.values())


def _kept_defaults(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Parameters whose default is a container built once, when the function was defined (``_calls=[]``): module
    state under another name, unless the function rebinds the parameter."""
    arguments = func.args
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = [*zip(positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True)]
    pairs += [(a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d is not None]
    made = {a.arg for a, default in pairs if isinstance(default, ast.List | ast.Dict | ast.Set)}
    return made - stored(func)


def _grows(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names whose container ``func`` adds to: by a method (``_SEEN.add(x)``) or an item (``_CALLS[k] = x``)."""
    names = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _GROWERS:
            receiver = root(node.func.value)  # ``_SEEN.add(x)``, and an item's: ``_CALLS["n"].append(1)``
            names |= {receiver.id} if receiver is not None else set()
        elif isinstance(node, ast.Assign):
            items = [t.value for t in node.targets if isinstance(t, ast.Subscript)]
            names |= {item.id for item in items if isinstance(item, ast.Name)}
    return names


def _sized(node: ast.AST, grown: set[str], guard: ast.If | ast.While | None) -> bool:
    """``node`` compares the size of a container in ``grown``, other than as the test of a block that changes it (a
    bounded cache emptied past its size, or filled only below it)."""
    if not isinstance(node, ast.Compare):
        return False
    sizes = {
        start.id
        for side in [node.left, *node.comparators]
        if isinstance(side, ast.Call) and ast.unparse(side.func) == "len" and len(side.args) == 1
        if (start := _holder(side.args[0])) is not None and start.id in grown
    }
    if not sizes or guard is None:
        return bool(sizes)
    changed = {start.id for n in guard.body for start in map(_changed, ast.walk(n)) if start is not None}
    upkeep = all(_keeps(statement, sizes) for statement in [*guard.body, *guard.orelse])
    return not (sizes & changed and upkeep)


def _keeps(statement: ast.stmt, sizes: set[str]) -> bool:
    """``statement`` only adds to, takes from or resets a container in ``sizes`` (``_CACHE[key] = value``,
    ``_CACHE.clear()``): a bounded cache's upkeep. Anything else in the guarded block (``sign = -1``) is decided by
    the container's size — a count."""
    if isinstance(statement, ast.Pass | ast.Global):
        return True
    node = statement.value if isinstance(statement, ast.Expr) else statement
    start = _changed(node) if isinstance(node, ast.Call | ast.Assign | ast.Delete) else None
    return start is not None and start.id in sizes


def _changed(node: ast.AST) -> ast.Name | None:
    """The name whose object ``node`` changes: a method's receiver, an item or attribute written or deleted."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CHANGERS:
        return root(node.func.value)
    targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else []
    return next((start for t in targets if (start := root(t)) is not None), None)


def _top_functions(tree: ast.Module) -> set[str]:
    return {n.name for n in tree.body if isinstance(n, FUNCTIONS)}


def _in(node: ast.expr, state: set[str]) -> bool:
    start = root(node)
    return start is not None and start.id in state


def _next_of(node: ast.expr, state: set[str]) -> bool:
    """``next(_CALLS)`` on an iterator kept in ``state``."""
    call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "next"
    return call and bool(node.args) and _in(node.args[0], state)  # type: ignore[attr-defined]


def _advanced(node: ast.expr, state: set[str], advanced: set[str]) -> bool:
    return _next_of(node, state) or (isinstance(node, ast.Name) and node.id in advanced)


def _counts(node: ast.AST, state: set[str], advanced: set[str]) -> bool:
    """``node`` advances a count kept in ``state``: an augmented assignment to it, an assignment of itself plus
    or minus something, a comparison of what ``next()`` drew from it (``advanced``: the locals bound to such a
    draw; an iterator handing out ids is not a count until its value decides something)."""
    if isinstance(node, ast.AugAssign):
        return _in(node.target, state)
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        return any(_advanced(side, state, advanced) or _cache_statistics(side) for side in sides)
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.value, ast.BinOp)):
        return False
    target = node.targets[0]
    held = _in(target, state) and not isinstance(target, ast.Name)
    return held and ast.unparse(target) in {_read_as(side) for side in (node.value.left, node.value.right)}


def _holder(node: ast.expr) -> ast.Name | None:
    """The name holding what ``node`` reads, through items, attributes and methods (``_CALLS.setdefault("n", [])``
    reads an item of ``_CALLS``)."""
    while True:
        if isinstance(node, ast.Subscript | ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value
        else:
            return node if isinstance(node, ast.Name) else None


def _cache_statistics(node: ast.expr) -> bool:
    """What a cache's statistics read (``_seen.cache_info().misses``): how many calls it has had, a count."""
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "cache_info"
        for n in ast.walk(node)
    )


def _read_as(node: ast.expr) -> str:
    """What ``node`` reads, as a target would spell it: ``getattr(f, "n", 0)`` reads ``f.n``, ``s.get("n", 0)``
    reads ``s['n']``."""
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "getattr" and len(node.args) > 1:
        return f"{ast.unparse(node.args[0])}.{getattr(node.args[1], 'value', '')}"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        return f"{ast.unparse(node.func.value)}[{ast.unparse(node.args[0])}]"
    return ast.unparse(node)
