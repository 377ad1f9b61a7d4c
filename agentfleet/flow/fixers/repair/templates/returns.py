"""Return-value edits: return another local, the value of a sibling ``return``, a literal of the
function's annotated return type, the emptiness of a local from a function returning booleans
(``return True`` → ``return not stack``), whether a count is back at zero (``return depth == 0``) or a
flag of a local (``return True`` → ``return node.end``, a field the file sets to ``True``/``False``), or ``[[]]``
(the one empty combination) or ``[p]`` for ``[]``; and a returned count one off (``return i`` → ``return i + 1``)."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import code, local_names, nodes_in, resolvable

__all__ = ["return_arithmetic", "return_values"]

_LITERALS = {
    "bool": ("True", "False"),
    "int": ("0", "-1", "1"),
    "float": ("0.0",),
    "str": ('""',),
    "list": ("[]",),
    "dict": ("{}",),
    "None": ("None",),
}
_MAX_LOCALS = 8


def _literals(function: cst.FunctionDef) -> tuple[str, ...]:
    """Literals of the annotated return type (``None`` too for an optional one)."""
    if function.returns is None:
        return ()
    text = code(function.returns.annotation).replace(" ", "")
    base = text.split("[", 1)[0]
    optional = ("None" if "|None" in text or "None|" in text or base == "Optional" else None,)
    found = _LITERALS.get(base.split("|", 1)[0], ())
    return tuple(dict.fromkeys([*found, *(o for o in optional if o)]))


def return_values(site: Site) -> Iterator[Edit]:
    """A sibling ``return``'s value (tier 2); another local or a literal of the return type (tier 3)."""
    function = site.function
    if function is None:
        return
    returns = [r for r in nodes_in(function, cst.Return) if r.value is not None]
    for ret in site.of_type(cst.Return):
        if ret.value is None:
            continue
        current = code(ret.value)
        siblings = [
            code(r.value) for r in returns if r is not ret and r.value is not None and resolvable(site, r.value)
        ]
        for text in dict.fromkeys(siblings):
            if text != current:
                yield Edit(ret.value, cst.parse_expression(text), "return-value", 2)
        for text in local_names(site)[:_MAX_LOCALS]:
            if text != current and text not in siblings:
                yield Edit(ret.value, cst.Name(text), "return-value", 3)
        for text in [*_literals(function), *_derived(site, function, returns, current)]:
            if text != current:
                yield Edit(ret.value, cst.parse_expression(text), "return-value", 3)


def _boolean(function: cst.FunctionDef, returns: list[cst.Return]) -> bool:
    """Annotated ``-> bool``, or every value it returns is ``True`` or ``False``."""
    if function.returns is not None:
        return code(function.returns.annotation).strip() == "bool"
    return all(isinstance(r.value, cst.Name) and r.value.value in ("True", "False") for r in returns)


def _flags(module: cst.Module) -> list[str]:
    """Fields the file sets to ``True`` or ``False`` (``self.end = False``, ``node.end = True``)."""
    found = [
        target.target.attr.value
        for assign in nodes_in(module, cst.Assign)
        if isinstance(assign.value, cst.Name) and assign.value.value in ("True", "False")
        for target in assign.targets
        if isinstance(target.target, cst.Attribute)
    ]
    return list(dict.fromkeys(found))


def _derived(site: Site, function: cst.FunctionDef, returns: list[cst.Return], current: str) -> list[str]:
    """``not v``, ``v.flag`` and, for a count ``v`` (``_counts``), ``v == 0`` for the locals of a boolean function;
    ``[[]]`` and ``[p]`` (a parameter) for ``[]``."""
    params = [p.name.value for p in function.params.params if p.name.value not in ("self", "cls")]
    found = ["[[]]", *(f"[{p}]" for p in params)] if current == "[]" else []
    if returns and _boolean(function, returns):
        names = local_names(site)[:_MAX_LOCALS]
        found += [f"not {name}" for name in names]
        counts = _counts(function)
        found += [f"{name} == 0" for name in names if name in counts]
        found += [f"{name}.{flag}" for flag in _flags(site.src.module) for name in names][:_MAX_LOCALS]
    return found


def _counts(function: cst.FunctionDef) -> frozenset[str]:
    """Locals the function computes by arithmetic: ``v += e``, ``v -= e``, ``v = <integer or arithmetic>``."""
    found = {
        a.target.value
        for a in nodes_in(function, cst.AugAssign)
        if isinstance(a.target, cst.Name) and isinstance(a.operator, cst.AddAssign | cst.SubtractAssign)
    }
    for assign in nodes_in(function, cst.Assign):
        if isinstance(assign.value, cst.Integer | cst.BinaryOperation):
            found.update(t.target.value for t in assign.targets if isinstance(t.target, cst.Name))
    return frozenset(found)


def return_arithmetic(site: Site) -> Iterator[Edit]:
    """``return v`` → ``return v + 1`` / ``return v - 1`` for a count ``v`` (also an item of a returned tuple)
    (tier 2)."""
    function = site.function
    if function is None:
        return
    counts = _counts(function)
    for ret in site.of_type(cst.Return):
        items = [e.value for e in ret.value.elements] if isinstance(ret.value, cst.Tuple) else [ret.value]
        for item in items:
            if isinstance(item, cst.Name) and item.value in counts and site.is_local(item):
                for operator in (cst.Add(), cst.Subtract()):
                    new = cst.BinaryOperation(item, operator, cst.Integer("1"))
                    yield Edit(item, new, "return-arithmetic", 2)
