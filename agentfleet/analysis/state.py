"""What code does beyond returning a value, read from the AST: state changed outside the call (a caller's
argument, module state, the process's settings at import) and what a function reaches (output, files, other
modules). The phase-4 rule and the refactor check compare them before and after a patch; counts kept across
calls are ``counts.py``'s.
"""

from __future__ import annotations

import ast
import builtins
from collections import Counter
from collections.abc import Iterator, Mapping

from agentfleet.analysis._bindings import FUNCTIONS as _FUNCTIONS
from agentfleet.analysis._bindings import base as _base
from agentfleet.analysis._bindings import containers_of, defaults
from agentfleet.analysis._bindings import declared as _declared
from agentfleet.analysis._bindings import fresh as _fresh
from agentfleet.analysis._bindings import module_names as _module_names
from agentfleet.analysis._bindings import root as _root
from agentfleet.analysis._bindings import stored as _stored
from agentfleet.analysis._bindings import written_into as _written_into
from agentfleet.analysis._reached import MUTATORS, changed_by_call, kept_by_method, through_kept
from agentfleet.analysis.handed_on import handed_on
from agentfleet.analysis.import_effects import at_import

__all__ = ["effects", "reach"]

_FILLERS = frozenset({"append", "insert", "extend", "add", "appendleft", "extendleft", "setdefault", "update"})
"""Methods that put what they are passed into the object they are called on."""
_PURE = frozenset(
    {"abs", "all", "any", "bool", "callable", "chr", "dict", "divmod", "enumerate", "filter", "float", "format"}
    | {"frozenset", "getattr", "hasattr", "hash", "int", "isinstance", "issubclass", "iter", "len", "list", "map"}
    | {"max", "min", "next", "ord", "pow", "range", "repr", "reversed", "round", "set", "slice", "sorted", "str"}
    | {"sum", "tuple", "type", "zip", "super", "object", "bin", "hex", "oct", "complex", "bytes", "id"}
)
"""Builtins that only compute: calling one reaches nothing outside the call."""


def _imported(tree: ast.Module) -> set[str]:
    """Names the module's imports bind."""
    return {
        (a.asname or a.name).split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in n.names
    }


def _fresh_locals(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names ``func`` binds only to fresh values (``errors = []``): changing one changes nothing outside."""
    fresh_targets = {
        id(target)
        for node in ast.walk(func)
        if isinstance(node, ast.Assign | ast.AnnAssign) and _fresh(node.value)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    bound: dict[str, bool] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound[node.id] = bound.get(node.id, True) and id(node) in fresh_targets
    return {name for name, fresh in bound.items() if fresh}


def _callee_params(callee: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call) -> list[tuple[str, ast.expr]]:
    """Each parameter of ``callee`` and the argument ``call`` passes it (``self``/``cls`` skipped on a method
    call); a starred argument or ``**`` passes every parameter something unknown."""
    params = [a.arg for a in [*callee.args.posonlyargs, *callee.args.args]]
    if isinstance(call.func, ast.Attribute) and params[:1] in (["self"], ["cls"]):
        params = params[1:]
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        unknown = ast.Constant(None)
        return [(name, unknown) for name in [*params, *(a.arg for a in callee.args.kwonlyargs)]]
    return [*zip(params, call.args, strict=False), *((k.arg, k.value) for k in call.keywords if k.arg)]


def _caller_local_params(tree: ast.Module) -> dict[str, set[str]]:
    """Function name → its parameters that every call in the file passes a fresh local of the caller (a helper
    extracted from a function, appending to the list that function built): changing one is the caller's own
    business. A function the file uses other than by calling it gets none."""
    defs = {f.name: f for f in ast.walk(tree) if isinstance(f, _FUNCTIONS)}
    passed: dict[tuple[str, str], bool] = {}
    called: set[int] = set()
    for caller in (f for f in ast.walk(tree) if isinstance(f, _FUNCTIONS)):
        fresh = _fresh_locals(caller)
        for call in (n for n in ast.walk(caller) if isinstance(n, ast.Call)):
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name not in defs:
                continue
            called.add(id(call.func))
            for param, arg in _callee_params(defs[name], call):
                key = (name, param)
                passed[key] = passed.get(key, True) and isinstance(arg, ast.Name) and arg.id in fresh
    loose = {getattr(n, "id", None) or getattr(n, "attr", None) for n in ast.walk(tree) if id(n) not in called}
    return {
        name: {param for (callee, param), local in passed.items() if callee == name and local}
        for name in defs
        if name not in loose
    }


def _rebound(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names ``func`` binds anew: ``lines += more`` changes the list ``lines`` holds, it binds nothing new."""
    augmented = {id(n.target) for n in ast.walk(func) if isinstance(n, ast.AugAssign)}
    return {
        n.id
        for n in ast.walk(func)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and id(n) not in augmented
    }


def _held(value: ast.expr) -> list[ast.expr]:
    """What binding ``value`` lets a local reach: the value itself, or the items of a container it builds
    (``held = [lines]``: ``held[0]`` is the caller's list)."""
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return [item for elt in value.elts for item in _held(elt)]
    if isinstance(value, ast.Dict):
        return [item for elt in value.values for item in _held(elt)]
    return [value]


def _aliases(func: ast.FunctionDef | ast.AsyncFunctionDef, outside: set[str]) -> tuple[set[str], set[str]]:
    """Locals bound to what an ``outside`` name holds, or part of it (``kept = lines``, ``first = lines[0]``,
    ``for line in lines``), or to a container holding it (``held = [lines]``): changing the object through one
    changes it outside. And the holders: local containers such a value is put into after they were made
    (``held.append(lines)``, ``held[k] = lines``), whose items (not themselves) are the outside objects. Followed
    within the function, to a fixed point; a value a call returns is the callee's, not an alias."""
    pairs = [(target, node.value) for node in ast.walk(func) if isinstance(node, ast.Assign) for target in node.targets]
    pairs += [(node.target, node.iter) for node in ast.walk(func) if isinstance(node, ast.For | ast.AsyncFor)]
    pairs += defaults(func)
    fills = _fills(func)
    found: set[str] = set()
    holders: set[str] = set()
    while True:
        reach = outside | found
        more = {
            name
            for target, whole in pairs
            for value in _held(whole)
            if _reaches(value, reach | holders)
            for name in _stored(target)
        } - reach
        filled = {name for name, value in fills if _reaches(value, reach)} - reach - holders
        if not more and not filled:
            return found, holders
        found |= more
        holders |= filled


def _reaches(value: ast.expr, names: set[str]) -> bool:
    """``value`` is one of ``names`` or part of one (``lines``, ``lines[0]``, ``held[0]``)."""
    start = _root(value) if isinstance(value, ast.Name | ast.Attribute | ast.Subscript) else None
    return start is not None and start.id in names


def _fills(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[str, ast.expr]]:
    """(local container, a value put into it) for each ``held.append(v)``/``insert``/``add``/``update``… and
    ``held[k] = v`` in ``func``."""
    pairs: list[tuple[str, ast.expr]] = []
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FILLERS:
            holder = node.func.value
            if isinstance(holder, ast.Name):
                pairs += [(holder.id, item) for arg in node.args for item in _held(arg)]
        elif isinstance(node, ast.Assign):
            items = [t.value for t in node.targets if isinstance(t, ast.Subscript)]
            pairs += [(item.id, node.value) for item in items if isinstance(item, ast.Name)]
    return pairs


def _through(node: ast.expr, holders: set[str]) -> bool:
    """``node`` is an item of a holder, or part of one (``held[0]``), not the holder itself."""
    return isinstance(node, ast.Subscript | ast.Attribute) and _reaches(node, holders)


def _outside(func: ast.FunctionDef | ast.AsyncFunctionDef, module: set[str]) -> tuple[set[str], set[str]]:
    """Names in ``func`` that stand for something outside the call: the module's state (unless shadowed), names
    declared ``global``/``nonlocal``, the parameters the function never rebinds (``self``/``cls`` aside:
    an object's own state is its methods' business), and the locals that alias any of them; and the local
    containers holding any of them (``_aliases``)."""
    declared = _declared(func)
    arguments = func.args
    params = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]} - {"self", "cls"}
    local = _rebound(func) - declared
    outside = (params - local) | (module - local - params) | declared
    aliases, holders = _aliases(func, outside)
    return outside | aliases, holders


def _changes(
    func: ast.FunctionDef | ast.AsyncFunctionDef, outside: set[str], holders: set[str], modules: set[str],
    kept: set[str],
) -> Iterator[str]:  # fmt: skip
    """What ``func`` changes of the ``outside`` names, of the items of its ``holders``, or of what its object
    ``kept`` of a caller (``self.kept.clear()``); ``modules``: the imported names, whose functions
    (``operator.add(a, b)``) are calls, not a container's mutating methods."""

    containers = containers_of(func)

    def reached(node: ast.expr) -> bool:
        root = _root(node)
        return (root is not None and root.id in outside) or _through(node, holders) or through_kept(node, kept)

    for node in ast.walk(func):
        if isinstance(node, ast.Global | ast.Nonlocal):
            yield f"{type(node).__name__.lower()} {', '.join(node.names)}"
        elif isinstance(node, ast.Call) and (changed := changed_by_call(node, modules)):
            if any(reached(c) for c in changed):
                yield ast.unparse(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            module_function = isinstance(node.func.value, ast.Name) and node.func.value.id in modules
            if reached(node.func.value) and not module_function:
                yield ast.unparse(node)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id in outside:
            if not isinstance(node.value, ast.Constant) or node.target.id in containers:
                yield ast.unparse(node)  # ``n += 1`` rebinds a number; ``lines += more``, ``lines *= 0`` change
        else:
            yield from _written_into(node, outside)
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else []
            yield from (ast.unparse(t) for t in targets if _through(getattr(t, "value", t), holders))
            yield from (ast.unparse(t) for t in targets if through_kept(getattr(t, "value", t), kept))


def _parse(text: str | None) -> ast.Module | None:
    try:
        return ast.parse(text or "")
    except SyntaxError:
        return None


def effects(text: str | None, mutating: Mapping[str, frozenset[int]] | None = None) -> Counter[str]:
    """Each change ``text``'s code makes beyond a call's return value: module state or an argument changed in a
    function (``lines.clear()``, ``_SEEN.append(x)``, a ``global``), a call at import time
    (``warnings.simplefilter(...)``), an assignment into a call's result (``getcontext().traps[...] = False``:
    the process's settings), and a caller's argument reached as a value (``handed_on``; ``mutating``: other
    modules' functions that change a parameter, ``changed_parameters``). A patch's new ones are
    ``effects(after) - effects(before)``."""
    tree = _parse(text)
    if tree is None:
        return Counter()
    module, private = _module_names(tree), _caller_local_params(tree)
    imported, kept = _imported(tree), kept_by_method(tree)
    found: Counter[str] = Counter()
    for node in ast.walk(tree):
        if isinstance(node, _FUNCTIONS):
            outside, holders = _outside(node, module)
            own = kept.get(id(node), set())
            found.update(_changes(node, outside - private.get(node.name, set()), holders, imported, own))
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update(ast.unparse(t) for t in targets if isinstance(_base(t), ast.Call))
    found.update(at_import(tree))
    found.update(handed_on(tree, mutating, private))
    return found


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
        aliased = {  # rm = os.remove; rm(path): the call reaches os.remove
            t.id: ast.unparse(n.value)
            for n in ast.walk(func)
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Name | ast.Attribute)
            for t in n.targets
            if isinstance(t, ast.Name) and (r := _root(n.value)) is not None and r.id in outer - local
        }
        for node in ast.walk(func):
            root = _root(node.func) if isinstance(node, ast.Call) else None
            if root is not None and root.id in aliased:
                called.add(aliased[root.id])
            elif root is None or root.id in own or root.id in local:
                continue
            elif root.id in outer or (hasattr(builtins, root.id) and root.id not in _PURE):
                called.add(ast.unparse(node.func))  # type: ignore[attr-defined]
    return called
