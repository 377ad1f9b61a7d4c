"""A list, set or dict built by a loop → a comprehension, where that changes nothing.

``result = []`` immediately followed by ``for x in xs:`` whose body is only ``result.append(e)`` (optionally
under one ``if c:``) becomes ``result = [e for x in xs if c]``; ``set()`` with ``.add(e)`` and ``{}`` with
``result[k] = v`` likewise. The comprehension evaluates the same expressions in the same order. It is not
made when the difference could show: the loop variable used anywhere else in the function (a comprehension
does not leak it), ``result`` read inside the loop, a ``yield``, ``await``, ``:=`` or ``super()`` inside, the
loop in a ``try`` or ``with`` (a half-built result could be seen after a handled exception), an ``else`` on the
loop, or a comment in it.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from agentfleet.flow.fixers.refactor.syntax import block, names_in, small

__all__ = ["comprehension"]

_UNSAFE = m.Yield() | m.Await() | m.NamedExpr() | m.Call(func=m.Name("super"))


def _built(stmt: cst.BaseStatement) -> tuple[str, str] | None:
    """``(name, kind)`` for ``name = []`` / ``set()`` / ``{}``."""
    node = small(stmt)
    if not (isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name)):
        return None
    value, name = node.value, node.targets[0].target.value
    if isinstance(value, cst.List) and not value.elements:
        return name, "list"
    if isinstance(value, cst.Dict) and not value.elements:
        return name, "dict"
    if m.matches(value, m.Call(func=m.Name("set"), args=[])):
        return name, "set"
    return None


def _added(stmt: cst.BaseStatement, name: str, kind: str) -> tuple[cst.BaseExpression, ...] | None:
    """What one loop step adds to ``name``: ``(e,)`` or ``(k, v)``."""
    node = small(stmt)
    if kind in ("list", "set") and isinstance(node, cst.Expr):
        method = "append" if kind == "list" else "add"
        call = node.value
        adds = m.Call(func=m.Attribute(value=m.Name(name), attr=m.Name(method)), args=[m.Arg(keyword=None, star="")])
        return (call.args[0].value,) if m.matches(call, adds) else None  # type: ignore[attr-defined]
    if kind == "dict" and isinstance(node, cst.Assign) and len(node.targets) == 1:
        target = node.targets[0].target
        sets = m.Subscript(value=m.Name(name), slice=[m.SubscriptElement(slice=m.Index())])
        if m.matches(target, sets):
            return target.slice[0].slice.value, node.value  # type: ignore[attr-defined]
    return None


def _step(loop: cst.For) -> tuple[cst.BaseStatement, cst.BaseExpression | None] | None:
    body = block(loop.body)
    if body is None or len(body) != 1:
        return None
    inner = body[0]
    if isinstance(inner, cst.If):
        then = block(inner.body)
        if inner.orelse is not None or then is None or len(then) != 1:
            return None
        return then[0], inner.test
    return inner, None


def _target_names(target: cst.BaseAssignTargetExpression) -> list[str] | None:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, cst.Tuple | cst.List):
        names = [e.value.value for e in target.elements if isinstance(e.value, cst.Name)]
        return names if len(names) == len(target.elements) else None
    return None


def _element(
    kind: str, parts: tuple[cst.BaseExpression, ...], loop: cst.For, test: cst.BaseExpression | None
) -> cst.BaseExpression:
    ifs = [cst.CompIf(test=test.with_changes(lpar=[], rpar=[]) if isinstance(test, cst.Name) else test)] if test else []
    for_in = cst.CompFor(target=loop.target, iter=loop.iter, ifs=ifs)
    if kind == "list":
        return cst.ListComp(elt=parts[0], for_in=for_in)
    if kind == "set":
        return cst.SetComp(elt=parts[0], for_in=for_in)
    return cst.DictComp(key=parts[0], value=parts[1], for_in=for_in)


def comprehension(
    first: cst.BaseStatement, loop: cst.BaseStatement, function: cst.FunctionDef
) -> cst.BaseStatement | None:
    """``first`` and ``loop`` as one assignment of a comprehension, or ``None`` when that could differ."""
    built = _built(first)
    if built is None or not isinstance(loop, cst.For) or loop.orelse is not None or loop.asynchronous is not None:
        return None
    name, kind = built
    step = _step(loop)
    parts = _added(step[0], name, kind) if step is not None else None
    targets = _target_names(loop.target)
    if step is None or parts is None or targets is None or loop.leading_lines:
        return None
    code = cst.Module(body=[]).code_for_node(loop)
    if "#" in code or m.findall(loop, _UNSAFE):
        return None
    here, everywhere = names_in(loop), names_in(function)
    if here[name] != 1 or any(everywhere[t] != here[t] for t in targets):
        return None
    assign = small(first)
    assert isinstance(assign, cst.Assign)
    value = _element(kind, parts, loop, step[1])
    return first.with_changes(body=[assign.with_changes(value=value)])  # type: ignore[attr-defined]
