"""What code does beyond returning a value, read from the AST: counts kept across calls (a fix that holds for
the first calls only), state changed outside the call (a caller's argument, module state, the process's
settings at import) and what a function reaches (output, files, other modules). The suspicious-construct review
flags the first; the phase-4 rule and the refactor check compare the others before and after a patch.
"""

from __future__ import annotations

import ast
import builtins
from collections import Counter
from collections.abc import Iterator

__all__ = ["counters", "effects", "reach"]

_MUTATORS = frozenset(
    {"append", "extend", "insert", "pop", "popitem", "clear", "remove", "sort", "reverse", "update", "setdefault"}
    | {"add", "discard", "__setitem__", "__delitem__", "write", "writelines"}
)
"""Methods that change the object they are called on."""
_PURE = frozenset(
    {"abs", "all", "any", "bool", "callable", "chr", "dict", "divmod", "enumerate", "filter", "float", "format"}
    | {"frozenset", "getattr", "hasattr", "hash", "int", "isinstance", "issubclass", "iter", "len", "list", "map"}
    | {"max", "min", "next", "ord", "pow", "range", "repr", "reversed", "round", "set", "slice", "sorted", "str"}
    | {"sum", "tuple", "type", "zip", "super", "object", "bin", "hex", "oct", "complex", "bytes", "id"}
)
"""Builtins that only compute: calling one reaches nothing outside the call."""
_FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef


def _root(node: ast.expr) -> ast.Name | None:
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def _stored(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _module_names(tree: ast.Module) -> set[str]:
    """Names the module binds at its top level (its state, its imports)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            names |= _stored(node)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def _outside(func: ast.FunctionDef | ast.AsyncFunctionDef, module: set[str]) -> set[str]:
    """Names in ``func`` that stand for something outside the call: the module's state (unless shadowed), names
    declared ``global``/``nonlocal``, and the parameters the function never rebinds (``self``/``cls`` aside:
    an object's own state is its methods' business)."""
    declared = {name for n in ast.walk(func) if isinstance(n, ast.Global | ast.Nonlocal) for name in n.names}
    arguments = func.args
    params = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]} - {"self", "cls"}
    local = _stored(func) - declared
    return (params - local) | (module - local - params) | declared


def _changes(func: ast.FunctionDef | ast.AsyncFunctionDef, outside: set[str]) -> Iterator[str]:
    for node in ast.walk(func):
        if isinstance(node, ast.Global | ast.Nonlocal):
            yield f"{type(node).__name__.lower()} {', '.join(node.names)}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
            root = _root(node.func.value)
            if root is not None and root.id in outside:
                yield ast.unparse(node)
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            for target in targets:
                root = _root(target)
                if not isinstance(target, ast.Name) and root is not None and root.id in outside:
                    yield ast.unparse(target)


def _parse(text: str | None) -> ast.Module | None:
    try:
        return ast.parse(text or "")
    except SyntaxError:
        return None


def effects(text: str | None) -> Counter[str]:
    """Each change ``text``'s code makes beyond a call's return value: module state or an argument changed in a
    function (``lines.clear()``, ``_SEEN.append(x)``, a ``global``), a call at import time
    (``warnings.simplefilter(...)``), an assignment into a call's result (``getcontext().traps[...] = False``:
    the process's settings). A patch's new ones are ``effects(after) - effects(before)``."""
    tree = _parse(text)
    if tree is None:
        return Counter()
    module = _module_names(tree)
    found: Counter[str] = Counter()
    for node in ast.walk(tree):
        if isinstance(node, _FUNCTIONS):
            found.update(_changes(node, _outside(node, module)))
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update(ast.unparse(t) for t in targets if isinstance(_base(t), ast.Call))
    found.update(ast.unparse(n.value) for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call))
    return found


def _base(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node


def counters(tree: ast.Module) -> list[tuple[ast.AugAssign, str]]:
    """Counts kept across calls: ``n += 1`` on a name a function declares global, ``_STATE["calls"] += 1`` on
    the module's state — code whose behaviour can change after enough calls."""
    module, found = _module_names(tree), {}
    for func in (n for n in ast.walk(tree) if isinstance(n, _FUNCTIONS)):
        declared = {name for n in ast.walk(func) if isinstance(n, ast.Global | ast.Nonlocal) for name in n.names}
        state = declared | (module - (_stored(func) - declared))
        for node in ast.walk(func):
            root = _root(node.target) if isinstance(node, ast.AugAssign) else None
            if isinstance(node, ast.AugAssign) and root is not None and root.id in state:
                found[id(node)] = (node, f"`{ast.unparse(node)}` counts in state kept across calls")
    return list(found.values())


def reach(text: str | None) -> set[str]:
    """What ``text``'s functions call outside themselves and the file: builtins that do more than compute
    (``print``, ``open``) and names rooted in an import or the module's state (``os.remove``, ``log.info``);
    functions and classes the file defines are its own."""
    tree = _parse(text)
    if tree is None:
        return set()
    own = {n.name for n in ast.walk(tree) if isinstance(n, _FUNCTIONS | ast.ClassDef)}
    outer = _module_names(tree) - own
    called: set[str] = set()
    for func in (n for n in ast.walk(tree) if isinstance(n, _FUNCTIONS)):
        local = _stored(func) | {a.arg for a in ast.walk(func.args) if isinstance(a, ast.arg)}
        for node in ast.walk(func):
            root = _root(node.func) if isinstance(node, ast.Call) else None
            if root is None or root.id in own or root.id in local:
                continue
            if root.id in outer or (hasattr(builtins, root.id) and root.id not in _PURE):
                called.add(ast.unparse(node.func))  # type: ignore[attr-defined]
    return called
