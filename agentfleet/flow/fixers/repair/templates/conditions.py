"""Condition synthesis: a missing ``and``/``or`` clause, or a condition replaced, built from the names in
scope compared with the constants and names the function uses.

Clauses come in two kinds. *Guards* (tier 3) are what a condition typically forgot: an index that must
stay in range (``j >= 0``, ``j < len(xs)``), a container that must not be empty before it is indexed or
popped (``stack``, ``not stack``), a value that must not be ``None`` before its attribute is read, two
sized values of the same length (``len(a) == len(b)``: a parameter or local annotated as a sequence or
passed to ``len``) and comparisons the function makes elsewhere. *Comparisons* (tier 4) are ``v op c``
for the names the condition reads, the enclosing loops' variables and the parameters, against the
function's integer constants (and 0) and those names. Guards are tried on either side of ``and``/``or``
(the short-circuit order matters); comparisons after the condition. An endless ``while True:`` whose
body takes items off a local worklist (``q.pop()``, ``q.popleft()``, ``heappop(q)``) gets the worklist
as its condition instead (tier 3: ``while queue:``, the search that should end when nothing is left).
A new ``==``/``!=`` with a literal the tests use is still refused as a special case (``agentfleet.analysis``).
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import annotation_base, code, local_names, nodes_in, resolvable

__all__ = ["condition_clauses"]

_BOOLEAN_CALLS = frozenset({"isinstance", "any", "all", "hasattr", "callable", "startswith", "endswith"})
_OPERATORS = (">", ">=", "<", "<=", "==", "!=")
_MAX_COMPARISONS = 48
_MAX_NAMES = 4
_MAX_CONSTANTS = 4
_TAKERS = frozenset({"pop", "popleft", "popitem"})
_SIZED_TYPES = frozenset({"str", "bytes", "list", "tuple", "set", "frozenset", "dict", "Sequence", "Collection"})


def _boolean(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Comparison | cst.BooleanOperation):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return isinstance(expr.operator, cst.Not)
    if isinstance(expr, cst.Call):
        func = expr.func.attr if isinstance(expr.func, cst.Attribute) else expr.func
        return isinstance(func, cst.Name) and (func.value in _BOOLEAN_CALLS or func.value.startswith("is"))
    return False


def _conditions(site: Site) -> list[cst.BaseExpression]:
    found: list[cst.BaseExpression] = [n.test for n in site.of_type(cst.If)]
    found += [n.test for n in site.of_type(cst.While)] + [n.test for n in site.of_type(cst.IfExp)]
    found += [n.test for n in site.of_type(cst.Assert)]
    found += [n.test for n in site.of_type(cst.CompIf)]
    found += [n.value for n in site.of_type(cst.Return) if n.value is not None and _boolean(n.value)]
    return found


def _local(site: Site, expr: cst.BaseExpression) -> str | None:
    return expr.value if isinstance(expr, cst.Name) and site.is_local(expr) else None


def _guards(site: Site, condition: cst.BaseExpression) -> list[str]:
    """Clauses a condition like this one typically forgot."""
    found: list[str] = []
    for sub in nodes_in(condition, cst.Subscript):
        container = _local(site, sub.value)
        index = sub.slice[0].slice
        name = _local(site, index.value) if isinstance(index, cst.Index) else None
        if name is not None and container is not None:
            found += [f"{name} >= 0", f"{name} < len({container})"]
        if container is not None:
            found += [container]
    for call in nodes_in(condition, cst.Call):
        receiver = _local(site, call.func.value) if isinstance(call.func, cst.Attribute) else None
        found += [receiver, f"not {receiver}"] if receiver else []
    for attribute in nodes_in(condition, cst.Attribute):
        owner = _local(site, attribute.value)
        found += [f"{owner} is not None"] if owner else []
    function = site.function
    if function is not None:
        sized = _sized(site, function)
        found += [f"len({a}) == len({b})" for i, a in enumerate(sized) for b in sized[i + 1 :]]
        here = code(condition)
        found += [code(c) for c in nodes_in(function, cst.Comparison) if code(c) not in here and resolvable(site, c)]
    return list(dict.fromkeys(found))


def _sized(site: Site, function: cst.FunctionDef) -> list[str]:
    """Parameters and locals that have a length: annotated as a sequence, or passed to ``len`` in the function."""
    measured = {
        call.args[0].value.value
        for call in nodes_in(function, cst.Call)
        if code(call.func) == "len" and len(call.args) == 1 and isinstance(call.args[0].value, cst.Name)
    }
    annotated = {p.name.value for p in function.params.params if annotation_base(p.annotation) in _SIZED_TYPES}
    return [n for n in local_names(site) if n in measured | annotated][:_MAX_NAMES]


def _names(site: Site, condition: cst.BaseExpression) -> list[str]:
    """Names a clause may compare: those the condition reads, the enclosing loops' targets, the parameters."""
    read = [n.value for n in nodes_in(condition, cst.Name) if site.is_local(n)]
    loops = []
    node = site.statement
    while node is not None and node is not site.function:
        if isinstance(node, cst.For):
            loops += [n.value for n in nodes_in(node.target, cst.Name)]
        node = site.src.parent(node)
    params = [p.name.value for p in site.function.params.params] if site.function is not None else []
    known = set(local_names(site))
    return [n for n in dict.fromkeys([*read, *loops, *params]) if n in known][:_MAX_NAMES]


def _comparisons(site: Site, condition: cst.BaseExpression) -> list[str]:
    names = _names(site, condition)
    function = site.function
    integers = [i.value for i in nodes_in(function, cst.Integer)] if function is not None else []
    constants = list(dict.fromkeys(["0", *integers]))[:_MAX_CONSTANTS]
    found = [f"{n} {op} {c}" for c in [*constants, *names] for n in names if c != n for op in _OPERATORS]
    return found[:_MAX_COMPARISONS]


def _joined(left: cst.BaseExpression, operator: cst.BaseBooleanOp, right: cst.BaseExpression) -> cst.BooleanOperation:
    return cst.BooleanOperation(left=left, operator=operator, right=right)


def _worklists(site: Site, loop: cst.While) -> list[str]:
    """Local containers the body of ``loop`` takes items off (``q.pop()``, ``q.popleft()``, ``heappop(q)``)."""
    found: list[str | None] = []
    for call in nodes_in(loop.body, cst.Call):
        if isinstance(call.func, cst.Attribute) and call.func.attr.value in _TAKERS:
            found.append(_local(site, call.func.value))
        elif code(call.func).rsplit(".", 1)[-1] == "heappop" and call.args:
            found.append(_local(site, call.args[0].value))
    return [name for name in dict.fromkeys(found) if name is not None]


def condition_clauses(site: Site) -> Iterator[Edit]:
    """A guard clause on either side of ``and``/``or`` (tier 3); a worklist for ``while True`` (tier 3); a
    comparison clause after the condition, or a guard instead of it (tier 4)."""
    for loop in site.of_type(cst.While):
        if isinstance(loop.test, cst.Name) and loop.test.value == "True":
            for name in _worklists(site, loop):
                yield Edit(loop.test, cst.Name(name), "condition-clause", 3)
    for condition in _conditions(site):
        bare = condition.with_changes(lpar=(), rpar=()) if condition.lpar else condition
        for text in _guards(site, condition):
            atom = cst.parse_expression(text)
            for operator in (cst.And, cst.Or):
                yield Edit(condition, _joined(atom, operator(), bare), "condition-clause", 3)
                yield Edit(condition, _joined(bare, operator(), atom), "condition-clause", 3)
        for text in _comparisons(site, condition):
            atom = cst.parse_expression(text)
            for operator in (cst.And, cst.Or):
                yield Edit(condition, _joined(bare, operator(), atom), "condition-clause", 4)
        for text in _guards(site, condition):
            yield Edit(condition, cst.parse_expression(text), "condition-clause", 4)
