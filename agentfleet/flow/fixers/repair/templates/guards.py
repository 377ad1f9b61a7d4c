"""Guard templates: ``None``/empty guards before a statement, and missing base cases of recursion."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import after_guards, nodes_in

__all__ = ["base_cases", "none_guards"]

_LITERALS = (cst.Integer, cst.Float, cst.SimpleString)
_ANNOTATION_DEFAULTS = {"int": "0", "float": "0.0", "str": '""', "list": "[]", "dict": "{}", "bool": "False"}
_MAX_DEFAULTS = 3
_DIVISIONS = (cst.Divide, cst.FloorDivide, cst.Modulo)


def _returned_literals(function: cst.FunctionDef) -> list[str]:
    found: list[str] = []

    class _Collect(cst.CSTVisitor):
        def visit_Return(self, node: cst.Return) -> None:
            value = node.value
            empty = isinstance(value, cst.List | cst.Dict | cst.Tuple) and not getattr(value, "elements", True)
            constant = isinstance(value, cst.Name) and value.value in {"None", "True", "False"}
            if value is not None and (isinstance(value, _LITERALS) or empty or constant):
                found.append(cst.Module([]).code_for_node(value))

    function.visit(_Collect())
    return found


def _defaults(function: cst.FunctionDef) -> list[str]:
    """Plausible values to return early: literals the function returns, its annotation's zero, None."""
    annotation = function.returns.annotation if function.returns is not None else None
    hinted = _ANNOTATION_DEFAULTS.get(annotation.value, "None") if isinstance(annotation, cst.Name) else None
    options = [*_returned_literals(function), *([hinted] if hinted else []), "None", "0", "[]"]
    return list(dict.fromkeys(options))[:_MAX_DEFAULTS]


def _guarded_names(site: Site) -> list[str]:
    """Local variables the line dereferences, iterates, measures, divides by or computes with."""
    found: list[cst.BaseExpression] = [n.value for n in site.of_type(cst.Subscript)]
    found += [n.value for n in site.of_type(cst.Attribute)]
    found += [n.iter for n in site.of_type(cst.For)]
    found += [n.right for n in site.of_type(cst.BinaryOperation) if isinstance(n.operator, _DIVISIONS)]
    found += [n.value for n in site.of_type(cst.AugAssign)]
    found += [side for n in site.of_type(cst.BinaryOperation) for side in (n.left, n.right)]
    found += [c.args[0].value for c in site.of_type(cst.Call) if _measures(c)]
    names = [e.value for e in found if isinstance(e, cst.Name) and e.value != "self" and site.is_local(e)]
    return list(dict.fromkeys(names))


def _measures(call: cst.Call) -> bool:
    return isinstance(call.func, cst.Name) and call.func.value in {"len", "sum", "max", "min"} and bool(call.args)


def _guard(condition: str, action: str) -> cst.BaseStatement:
    return cst.parse_statement(f"if {condition}:\n    {action}\n")


def none_guards(site: Site) -> Iterator[Edit]:
    """``if x is None: return <default>`` / ``if not x: ...`` before the statement (``continue`` in loops)."""
    stmt, function = site.statement, site.function
    block = site.src.parent(stmt) if stmt is not None else None
    if stmt is None or function is None or not isinstance(block, cst.IndentedBlock) or stmt is function:
        return
    in_loop = site.src.enclosing(stmt, cst.For, cst.While, cst.FunctionDef)
    actions = ["continue"] if isinstance(in_loop, cst.For | cst.While) else [f"return {d}" for d in _defaults(function)]
    i = block.body.index(stmt)  # type: ignore[arg-type]
    for name in _guarded_names(site):
        for condition in (f"{name} is None", f"not {name}"):
            for action in actions:
                guard = _guard(condition, action).with_changes(leading_lines=stmt.leading_lines)  # type: ignore[attr-defined]
                moved = stmt.with_changes(leading_lines=())
                body = [*block.body[:i], guard, moved, *block.body[i + 1 :]]
                yield Edit(block, block.with_changes(body=body), "none-guard", 3)


def _recursive_args(function: cst.FunctionDef) -> list[list[cst.BaseExpression]]:
    """Positional arguments of every call the function makes to itself."""
    calls: list[list[cst.BaseExpression]] = []
    name = function.name.value

    class _Collect(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            func = node.func.attr if isinstance(node.func, cst.Attribute) else node.func
            if isinstance(func, cst.Name) and func.value == name:
                calls.append([arg.value for arg in node.args if arg.keyword is None])

    function.body.visit(_Collect())
    return calls


def _base_conditions(param: str, position: int, calls: list[list[cst.BaseExpression]]) -> list[tuple[str, list[str]]]:
    passed = [args[position] for args in calls if len(args) > position]
    sliced = any(isinstance(a, cst.Subscript) for a in passed)
    counted = any(isinstance(a, cst.BinaryOperation) for a in passed)
    numeric = [(f"{param} <= 0", ["0", "1", param]), (f"{param} <= 1", [param, "1", "0"])]
    sequence = [(f"not {param}", [param, "[]", "0"]), (f"len({param}) <= 1", [param, "[]"])]
    return (numeric if counted or not sliced else []) + (sequence if sliced or not counted else [])


def _named(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _radices(function: cst.FunctionDef, param: str) -> list[int]:
    """The bases ``function`` takes ``param`` apart in: ``b`` for ``param // b`` or ``param % b``, 10 for
    ``str(param)`` (a recursion over digits ends at one digit: ``if n < 10: return n``)."""
    found = []
    for node in nodes_in(function, cst.BinaryOperation):
        left, right = node.left, node.right
        split = isinstance(node.operator, cst.FloorDivide | cst.Modulo) and _named(left, param)
        if split and isinstance(right, cst.Integer) and isinstance(base := right.evaluated_value, int) and base >= 2:
            found.append(base)
    for call in nodes_in(function, cst.Call):
        if _named(call.func, "str") and len(call.args) == 1 and _named(call.args[0].value, param):
            found.append(10)
    return sorted(set(found))


def base_cases(site: Site) -> Iterator[Edit]:
    """A recursive function gets ``if <param> <= 0: return <value>`` (and similar; ``if n < b: return n`` when
    it takes ``n`` apart in base ``b``) after its docstring and guard clauses (before them it would change
    what they do)."""
    function = site.function
    if function is None or not isinstance(function.body, cst.IndentedBlock):
        return
    calls = _recursive_args(function)
    if not calls:
        return
    params = [p.name.value for p in function.params.params if p.name.value not in ("self", "cls")]
    body = list(function.body.body)
    start = after_guards(body)
    for position, param in enumerate(params[:2]):
        digits = [(f"{param} < {base}", [param, "0", "1"]) for base in _radices(function, param)]
        for condition, values in _base_conditions(param, position, calls) + digits:
            for value in dict.fromkeys([*values, *_returned_literals(function)]):
                guard = _guard(condition, f"return {value}")
                new = function.body.with_changes(body=[*body[:start], guard, *body[start:]])
                yield Edit(function.body, new, "base-case", 2)
