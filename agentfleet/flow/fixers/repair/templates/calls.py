"""Call edits: a missing call (wrap an expression, or rebind a parameter through one), and a call's
arguments (add one seen elsewhere in the file, drop one, change a keyword).

Wrappers are a small builtin set chosen by where the expression stands (``sorted``/``reversed``/
``list``/``set`` for what is iterated or returned, ``abs``/``len``/``int``/``float`` for operands,
``str``/``int``/``float``/``len``/``abs`` for arguments), then functions of the file that take one
argument and no-argument methods the file calls (``.lower()``). Arguments to add come from other
calls to the same function in the file (``round(x)`` where the file also has ``round(y, 2)``), from a
local named like a missing parameter, or from a few builtin options (``reverse=True``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site, SourceFile
from agentfleet.flow.fixers.repair.templates.context import (
    after_guards,
    annotation_base,
    file_functions,
    nodes_in,
    resolvable,
)

__all__ = ["call_arguments", "missing_call", "rebind_parameter", "yielded_copy"]

_ITERABLE = ("sorted", "reversed", "list", "set")
_OPERAND = ("abs", "len", "int", "float")
_ARGUMENT = ("str", "int", "float", "len", "abs")
_WRAPPABLE = (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.BinaryOperation, cst.GeneratorExp, cst.ListComp)
_KNOWN_OPTIONS = {"sorted": ("reverse", "True"), "sort": ("reverse", "True"), "enumerate": ("start", "1")}
_MAX_HELPERS = 4
_REBIND = {"list": ("sorted", "list"), "int": ("abs",), "float": ("abs",), "str": ("str.lower",), "": ("sorted",)}


def _callee(call: cst.Call) -> str | None:
    func = call.func
    name = func.attr if isinstance(func, cst.Attribute) else func
    return name.value if isinstance(name, cst.Name) else None


def _slots(site: Site) -> Iterator[tuple[cst.BaseExpression, tuple[str, ...]]]:
    """Expressions on the line with the builtin wrappers their place suggests."""
    for iterated in [n.iter for n in site.of_type(cst.For)] + [n.iter for n in site.of_type(cst.CompFor)]:
        yield iterated, _ITERABLE
    for ret in site.of_type(cst.Return):
        if ret.value is not None:
            yield ret.value, _ITERABLE
    for binary in site.of_type(cst.BinaryOperation):
        yield binary.left, _OPERAND
        yield binary.right, _OPERAND
    for comparison in site.of_type(cst.Comparison):
        yield comparison.left, _OPERAND
        for target in comparison.comparisons:
            yield target.comparator, _OPERAND
    for call in site.of_type(cst.Call):
        iterable = _callee(call) in ("join", "sum", "max", "min", "len", "enumerate", "zip")
        for arg in call.args:
            yield arg.value, _ITERABLE if iterable else _ARGUMENT
    for binary in site.of_type(cst.BinaryOperation):
        if isinstance(binary.operator, cst.Subtract | cst.Divide):
            yield binary, ("abs",) if isinstance(binary.operator, cst.Subtract) else ("int",)


def _wrappable(site: Site, expr: cst.BaseExpression) -> bool:
    if not isinstance(expr, _WRAPPABLE) or expr.lpar:
        return False
    if isinstance(expr, cst.Name):
        return site.is_local(expr)
    return not isinstance(expr, cst.BinaryOperation) or isinstance(expr.operator, cst.Subtract | cst.Divide)


def _call(name: str, expr: cst.BaseExpression) -> cst.Call:
    return cst.Call(func=cst.Name(name), args=[cst.Arg(value=expr)])


@lru_cache(maxsize=16)
def _helpers(src: SourceFile) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Module-level functions taking one argument, and the no-argument methods the file calls most."""
    functions = [
        f.name.value
        for f in src.module.body
        if isinstance(f, cst.FunctionDef) and len([p for p in f.params.params if p.default is None]) == 1
    ]
    methods = Counter(
        call.func.attr.value
        for call in nodes_in(src.module, cst.Call)
        if isinstance(call.func, cst.Attribute) and not call.args
    )
    return tuple(functions[:_MAX_HELPERS]), tuple(m for m, _ in methods.most_common(_MAX_HELPERS))


def missing_call(site: Site) -> Iterator[Edit]:
    """Wrap an expression in a builtin its place suggests (tier 3), a function of the file or a method
    the file calls (tier 4)."""
    functions, methods = _helpers(site.src)
    seen: set[int] = set()
    for expr, builtins in _slots(site):
        if id(expr) in seen or not _wrappable(site, expr):
            continue
        seen.add(id(expr))
        inner = _callee(expr) if isinstance(expr, cst.Call) else None
        for name in builtins:
            if name != inner:
                yield Edit(expr, _call(name, expr), "call-wrap", 3)
        for name in functions:
            if name != inner:
                yield Edit(expr, _call(name, expr), "call-wrap", 4)
        for method in methods:
            if method != inner and not isinstance(expr, cst.BinaryOperation):
                yield Edit(expr, cst.Call(func=cst.Attribute(value=expr, attr=cst.Name(method))), "call-wrap", 4)


_MUTATORS = frozenset({"append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear", "popleft"})


def _mutated_in_place(function: cst.FunctionDef, name: str) -> bool:
    """``name`` is assigned into (``name[i] = …``) or changed by a method (``name.append(…)``) in ``function``."""
    for target in nodes_in(function, cst.AssignTarget):
        for sub in nodes_in(target, cst.Subscript):
            if isinstance(sub.value, cst.Name) and sub.value.value == name:
                return True
    return any(
        isinstance(c.func, cst.Attribute)
        and isinstance(c.func.value, cst.Name)
        and c.func.value.value == name
        and c.func.attr.value in _MUTATORS
        for c in nodes_in(function, cst.Call)
    )


def yielded_copy(site: Site) -> Iterator[Edit]:
    """``yield xs`` → ``yield list(xs)`` for a list the function (or one it is nested in) keeps changing in
    place: every item the caller collects would be the one working list (tier 2)."""
    for node in site.of_type(cst.Yield):
        value = node.value
        if not isinstance(value, cst.Name):
            continue
        function: cst.CSTNode | None = site.function
        while isinstance(function, cst.FunctionDef) and not _mutated_in_place(function, value.value):
            function = site.src.enclosing(function, cst.FunctionDef)
        if function is not None:
            yield Edit(value, _call("list", value), "call-wrap", 2)


def rebind_parameter(site: Site) -> Iterator[Edit]:
    """``values = sorted(values)`` (and the like, by annotation) at the start of the function, for a
    parameter the line reads: the call every use of it was missing."""
    function = site.function
    if function is None or not isinstance(function.body, cst.IndentedBlock):
        return
    read = {n.value for n in site.of_type(cst.Name)}
    body = list(function.body.body)
    at = after_guards(body)
    for param in function.params.params:
        name = param.name.value
        if name in ("self", "cls") or name not in read or at >= len(body) or site.statement is function:
            continue
        for wrapper in _REBIND.get(annotation_base(param.annotation), ()):
            value = f"{name}.lower()" if wrapper == "str.lower" else f"{wrapper}({name})"
            rebind = cst.parse_statement(f"{name} = {value}\n")
            new = function.body.with_changes(body=[*body[:at], rebind, *body[at:]])
            yield Edit(function.body, new, "call-wrap", 3)


@lru_cache(maxsize=16)
def _calls_by_callee(src: SourceFile) -> dict[str, tuple[cst.Call, ...]]:
    found: dict[str, list[cst.Call]] = {}
    for call in nodes_in(src.module, cst.Call):
        name = _callee(call)
        if name is not None:
            found.setdefault(name, []).append(call)
    return {name: tuple(calls) for name, calls in found.items()}


def _keyword(name: str, value: cst.BaseExpression) -> cst.Arg:
    nothing = cst.SimpleWhitespace("")
    return cst.Arg(value=value, keyword=cst.Name(name), equal=cst.AssignEqual(nothing, nothing))


def _plain(args: list[cst.Arg]) -> list[cst.Arg]:
    """``args`` with the last one's trailing comma dropped (so dropping or adding reads naturally)."""
    return [*args[:-1], args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)] if args else args


def _added(site: Site, call: cst.Call) -> Iterator[list[cst.Arg]]:
    """Argument lists with one more argument: copied from another call to the same function in the file,
    a local named like a missing parameter, a local a recursive call should hand down (``_passed_on``), or
    a builtin option."""
    name = _callee(call)
    positional = [a for a in call.args if a.keyword is None and not a.star]
    keywords = {a.keyword.value for a in call.args if a.keyword is not None}
    for other in _calls_by_callee(site.src).get(name or "", ()):
        others = [a for a in other.args if a.keyword is None and not a.star]
        for extra in others[len(positional) :][:1]:
            if resolvable(site, extra.value):
                yield [*_plain(list(call.args)), cst.Arg(value=extra.value)]
        for extra in other.args:
            if extra.keyword is not None and extra.keyword.value not in keywords and resolvable(site, extra.value):
                yield [*_plain(list(call.args)), _keyword(extra.keyword.value, extra.value)]
    for function in file_functions(site.src):
        if function.name.value != name:
            continue
        params = [p.name.value for p in function.params.params if p.name.value not in ("self", "cls")]
        for param in params[len(positional) :]:
            if param not in keywords and param in _locals_on_site(site):
                yield [*_plain(list(call.args)), _keyword(param, cst.Name(param))]
    for local in _passed_on(site, name, len(positional)) if not keywords else ():
        yield [*_plain(list(call.args)), cst.Arg(value=cst.Name(local))]
    if name in _KNOWN_OPTIONS and _KNOWN_OPTIONS[name][0] not in keywords:
        option, value = _KNOWN_OPTIONS[name]
        yield [*_plain(list(call.args)), _keyword(option, cst.parse_expression(value))]


def _passed_on(site: Site, callee: str | None, given: int) -> list[str]:
    """For a recursive call that leaves out an optional parameter (the next after ``given`` positional
    arguments), the locals the function computes from that parameter (``name = f"{prefix}.{key}"``): what
    the recursion should hand down."""
    function = site.function
    params = function.params.params if function is not None and function.name.value == callee else ()
    if function is None or given >= len(params) or params[given].default is None:
        return []
    param = params[given].name.value
    return [
        target.value
        for assign in nodes_in(function, cst.Assign)
        if len(assign.targets) == 1
        and isinstance(target := assign.targets[0].target, cst.Name)
        and target.value != param
        and any(n.value == param for n in nodes_in(assign.value, cst.Name))
    ]


def _locals_on_site(site: Site) -> set[str]:
    function = site.function
    if function is None:
        return set()
    return {n.value for n in nodes_in(function, cst.Name) if site.is_local(n)}


def _renamed(site: Site, call: cst.Call) -> Iterator[list[cst.Arg]]:
    """A keyword argument of a call to a function of the file renamed to another of its parameters."""
    name = _callee(call)
    for function in file_functions(site.src):
        if function.name.value != name:
            continue
        params = [p.name.value for p in (*function.params.params, *function.params.kwonly_params)]
        used = {a.keyword.value for a in call.args if a.keyword is not None}
        for i, arg in enumerate(call.args):
            if arg.keyword is None:
                continue
            for other in params:
                if other not in used and other not in ("self", "cls"):
                    args = list(call.args)
                    args[i] = arg.with_changes(keyword=cst.Name(other))
                    yield args


def call_arguments(site: Site) -> Iterator[Edit]:
    """Add an argument seen elsewhere, drop one, or change a keyword (tier 2)."""
    for call in site.of_type(cst.Call):
        for args in _added(site, call):
            yield Edit(call, call.with_changes(args=args), "call-argument", 2)
        if len(call.args) >= 2:
            for i in range(len(call.args)):
                args = _plain([a for j, a in enumerate(call.args) if j != i])
                yield Edit(call, call.with_changes(args=args), "call-argument", 2)
        for args in _renamed(site, call):
            yield Edit(call, call.with_changes(args=args), "call-argument", 2)
