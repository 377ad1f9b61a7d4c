"""What a function cannot work without: a rewrite that removes it is over-general, whatever the tests say.

Weak tests let a deletion through that breaks the function in general: dropping a recursive
function's only recursive call, its only ``return`` of a value, or the only statement of a loop that
changes any state (``n -= 1``, ``total += x``, ``out.append(x)``). ``lost_essentials`` names the first
such loss between two versions of a file, function by function.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["lost_essentials"]

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_MUTATORS = frozenset(
    {"append", "extend", "insert", "add", "update", "pop", "popleft", "remove", "discard", "clear", "setdefault"}
    | {"appendleft", "extendleft", "sort", "reverse", "write", "put"}
)


def _own(node: ast.AST) -> Iterator[ast.AST]:
    """Nodes of ``node``'s body, not descending into nested functions, classes or lambdas."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, _Function | ast.ClassDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(child))


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, _Function]]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, _Function):
            yield f"{prefix}{node.name}", node
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")


def _recursive_calls(function: _Function) -> int:
    name = function.name
    count = 0
    for node in _own(function):
        if isinstance(node, ast.Call):
            func = node.func
            own = isinstance(func, ast.Name) and func.id == name
            receiver = func.value if isinstance(func, ast.Attribute) and func.attr == name else None
            count += own or (isinstance(receiver, ast.Name) and receiver.id in ("self", "cls"))
    return count


def _value_returns(function: _Function) -> int:
    return sum(isinstance(n, ast.Return) and n.value is not None for n in _own(function))


def _changed(node: ast.AST) -> list[ast.expr] | None:
    """What ``node`` changes (targets, or the object a mutating method is called on); ``None``: no change."""
    if isinstance(node, ast.Yield | ast.YieldFrom):
        return []
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign | ast.Delete):
        targets = list(node.targets)
    elif isinstance(node, ast.AugAssign | ast.AnnAssign):
        targets = [node.target]
    elif not isinstance(node, ast.Expr):
        return None
    call = getattr(node, "value", None)
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in _MUTATORS:
        targets.append(call.func.value)
    return targets or None


def _updates(loop: ast.For | ast.While | ast.AsyncFor) -> int:
    """Statements in the loop's body that change state (for a ``while``: a name its condition reads)."""
    watched = {n.id for n in ast.walk(loop.test) if isinstance(n, ast.Name)} if isinstance(loop, ast.While) else set()
    count = 0
    for node in _own(ast.Module(body=loop.body, type_ignores=[])):
        changed = _changed(node)
        if changed is None:
            continue
        names = {n.id for target in changed for n in ast.walk(target) if isinstance(n, ast.Name)}
        count += not watched or bool(names & watched)
    return count


def _loop_updates(function: _Function) -> list[int]:
    """For each loop of the function, in order, how many statements in its body change its state."""
    loops = [n for n in _own(function) if isinstance(n, ast.For | ast.While | ast.AsyncFor)]
    loops.sort(key=lambda n: (n.lineno, n.col_offset))
    return [_updates(loop) for loop in loops]


@lru_cache(maxsize=64)
def _facts(text: str) -> dict[str, tuple[int, int, tuple[int, ...]]]:
    """Recursive calls, value returns and loop updates of every function in ``text``."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {}
    return {name: (_recursive_calls(f), _value_returns(f), tuple(_loop_updates(f))) for name, f in _functions(tree)}


def lost_essentials(before: str, after: str) -> str | None:
    """``lost-recursion``, ``lost-return`` or ``lost-loop-update`` when ``after`` removes one from a
    function of ``before``; ``None`` when it removes none."""
    new = _facts(after)
    for name, (calls, returns, loops) in _facts(before).items():
        if name not in new:
            continue
        calls_now, returns_now, loops_now = new[name]
        if calls and not calls_now:
            return "lost-recursion"
        if returns and not returns_now:
            return "lost-return"
        if len(loops) == len(loops_now) and any(was and not now for was, now in zip(loops, loops_now, strict=True)):
            return "lost-loop-update"
    return None
