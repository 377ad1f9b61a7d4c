"""State-update edits: a collection the function tests membership in but never adds to
(``if node in visited`` without ``visited.add(node)``) and the other way round (``seen.add(node)`` in a loop
with no ``node in seen`` test before it), a loop that reads a variable it never
updates (``prev`` in a list reversal without ``prev = node``), a ``while`` whose counter never moves
(``while i < n:`` without ``i += 1``), a bit or digit loop that never drops the digit it reads
(``n & 1`` without ``n >>= 1``), a returned count the function never moves (``steps = 0`` …
``return steps`` without ``steps += 1``), and an ``if`` that should repeat
(``if n >= value: n -= value``, ``if stack and stack[-1] < x: stack.pop()``)."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.templates.context import code, free_names, nodes_in, resolvable
from agentfleet.flow.fixers.repair.templates.statements import insertions

__all__ = [
    "collection_kind",
    "counter_updates",
    "digit_shifts",
    "if_to_while",
    "loop_steps",
    "loop_updates",
    "membership_guards",
    "membership_updates",
]

_ADDERS = {cst.Set: "add", cst.List: "append"}
_MAX_UPDATES = 6


def collection_kind(site: Site, name: str) -> str | None:
    """``add`` or ``append`` for a name the file binds to a set or a list (literal, ``set()`` or ``list()``),
    with or without an annotation (``seen: set[int] = set()``)."""
    bindings = [([t.target for t in a.targets], a.value) for a in nodes_in(site.src.module, cst.Assign)]
    bindings += [([a.target], a.value) for a in nodes_in(site.src.module, cst.AnnAssign) if a.value is not None]
    for targets, value in bindings:
        if not any(isinstance(t, cst.Name) and t.value == name for t in targets):
            continue
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in ("set", "list"):
            return "add" if value.func.value == "set" else "append"
        for kind, method in _ADDERS.items():
            if isinstance(value, kind):
                return method
    return None


def _updated(site: Site, name: str) -> bool:
    """The file calls a method on ``name`` or assigns into it (``seen.add(x)``, ``seen[x] = 1``)."""
    for attribute in nodes_in(site.src.module, cst.Attribute):
        if isinstance(attribute.value, cst.Name) and attribute.value.value == name:
            return True
    subscripts = [t.target for a in nodes_in(site.src.module, cst.Assign) for t in a.targets]
    return any(isinstance(s, cst.Subscript) and code(s.value) == name for s in subscripts)


def membership_updates(site: Site) -> Iterator[Edit]:
    """``S.add(e)`` / ``S.append(e)`` before or after the line, for each ``e in S`` test of the function whose
    collection ``S`` the file never adds to (tier 1: the test then answers the same whatever it is given, a
    narrow signal like a count never moved, and every other candidate of such a bug tends to hang)."""
    function = site.function
    if function is None:
        return
    shown: set[str] = set()
    for target in nodes_in(function, cst.ComparisonTarget):
        if not isinstance(target.operator, cst.In | cst.NotIn) or not isinstance(target.comparator, cst.Name):
            continue
        comparison = site.src.parent(target)
        element = comparison.left if isinstance(comparison, cst.Comparison) else None
        name = target.comparator.value
        method = collection_kind(site, name)
        if element is None or method is None or _updated(site, name) or not resolvable(site, element):
            continue
        text = f"{name}.{method}({code(element)})"
        if text not in shown and resolvable(site, target.comparator):
            shown.add(text)
            yield from insertions(site, cst.parse_statement(text), "membership-update", 1)  # type: ignore[arg-type]


def _added(site: Site) -> tuple[str, cst.BaseExpression] | None:
    """``(S, e)`` when the line is ``S.add(e)`` for a set ``S`` the file binds."""
    stmt = site.statement
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1 or not isinstance(stmt.body[0], cst.Expr):
        return None
    call = stmt.body[0].value
    if not isinstance(call, cst.Call) or len(call.args) != 1 or not isinstance(call.func, cst.Attribute):
        return None
    owner = call.func.value
    if call.func.attr.value != "add" or not isinstance(owner, cst.Name) or collection_kind(site, owner.value) != "add":
        return None
    return owner.value, call.args[0].value


def membership_guards(site: Site) -> Iterator[Edit]:
    """``if e in S: continue`` right before ``S.add(e)`` in a loop, when the function never asks whether ``e``
    is in ``S`` (tier 1, like ``membership-update``: what is recorded as seen is never looked up, a narrow signal,
    and the other candidates of such a bug tend to hang, since a graph search walks a cycle forever)."""
    added = _added(site)
    function = site.function
    if added is None or function is None or site.statement is None:
        return
    name, element = added
    loop = site.src.enclosing(site.statement, cst.For, cst.While, cst.FunctionDef)
    if not isinstance(loop, cst.For | cst.While) or not resolvable(site, element):
        return
    for target in nodes_in(function, cst.ComparisonTarget):
        comparison = site.src.parent(target)
        asked = isinstance(target.operator, cst.In | cst.NotIn) and code(target.comparator) == name
        if asked and isinstance(comparison, cst.Comparison) and code(comparison.left) == code(element):
            return
    guard = cst.parse_statement(f"if {code(element)} in {name}:\n    continue\n")
    yield from insertions(site, guard, "membership-guard", 1, after=False)  # type: ignore[arg-type]


def _assigned(node: cst.CSTNode) -> list[str]:
    """Names ``node`` assigns (plain and augmented assignments, ``for`` targets)."""
    found = [t.target for a in nodes_in(node, cst.Assign) for t in a.targets]
    found += [a.target for a in nodes_in(node, cst.AugAssign)] + [f.target for f in nodes_in(node, cst.For)]
    names = [e.value for t in found if isinstance(t, cst.Tuple | cst.List) for e in t.elements]
    return [n.value for n in [*found, *names] if isinstance(n, cst.Name)]


def loop_updates(site: Site) -> Iterator[Edit]:
    """``v = w`` before or after the line, for a ``v`` the enclosing loop reads but never assigns (and the
    function assigns before it) and a ``w`` the loop assigns (tier 3)."""
    loop = site.src.enclosing(site.statement, cst.For, cst.While, cst.FunctionDef) if site.statement else None
    function = site.function
    if not isinstance(loop, cst.For | cst.While) or function is None:
        return
    inside = _assigned(loop)
    stale = [n for n in dict.fromkeys(_assigned(function)) if n in free_names(loop.body) and n not in inside]
    fresh = [n for n in dict.fromkeys(inside) if n not in stale]
    count = 0
    for old in stale:
        for new in fresh:
            if count >= _MAX_UPDATES or not resolvable(site, cst.Name(old)):
                return
            count += 1
            yield from insertions(site, cst.parse_statement(f"{old} = {new}"), "loop-update", 3)  # type: ignore[arg-type]


_UP = (cst.LessThan, cst.LessThanEqual, cst.NotEqual)
_DOWN = (cst.GreaterThan, cst.GreaterThanEqual)
_LEAVES = (cst.Return, cst.Break, cst.Continue, cst.Raise)


def _steps(test: cst.BaseExpression) -> list[str]:
    """``i += 1`` / ``i -= 1`` for each name ``i`` the test compares, in the direction that ends the loop."""
    found = []
    for comparison in nodes_in(test, cst.Comparison):
        if len(comparison.comparisons) != 1:
            continue
        target = comparison.comparisons[0]
        up, down = isinstance(target.operator, _UP), isinstance(target.operator, _DOWN)
        if isinstance(comparison.left, cst.Name) and (up or down):
            found.append(f"{comparison.left.value} {'+' if up else '-'}= 1")
        if isinstance(target.comparator, cst.Name) and (up or down) and not isinstance(target.operator, cst.NotEqual):
            found.append(f"{target.comparator.value} {'-' if up else '+'}= 1")
    return found


def loop_steps(site: Site) -> Iterator[Edit]:
    """``i += 1`` (``i -= 1`` for ``>``) at the end of a ``while`` body (before its closing ``return``/``break``)
    for a local counter ``i`` the condition compares and the body never changes (tier 3)."""
    loop = site.statement
    if site.function is None or not isinstance(loop, cst.While) or not isinstance(loop.body, cst.IndentedBlock):
        return
    changed = _changed_names(loop.body) | set(_assigned(loop.body))
    for text in dict.fromkeys(_steps(loop.test)):
        name = text.split(" ", 1)[0]
        if name in changed or not any(n.value == name and site.is_local(n) for n in nodes_in(loop.test, cst.Name)):
            continue
        yield _at_end(loop.body, text)


def _at_end(block: cst.IndentedBlock, text: str, family: str = "loop-update", tier: int = 3) -> Edit:
    """``text`` as the last statement of ``block`` (before its closing ``return``/``break``, if any)."""
    body = list(block.body)
    last = body[-1]
    at = (
        len(body) - 1 if isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], _LEAVES) else len(body)
    )
    step = cst.parse_statement(text)
    return Edit(block, block.with_changes(body=[*body[:at], step, *body[at:]]), family, tier)


def _frozen_counts(function: cst.FunctionDef) -> list[str]:
    """Locals ``function`` sets once to an integer literal, returns as they are, and never assigns again: it
    returns their start whatever it is given."""
    assigned = _assigned(function)
    starts = [
        a.targets[0].target.value
        for a in nodes_in(function, cst.Assign)
        if len(a.targets) == 1 and isinstance(a.targets[0].target, cst.Name) and isinstance(a.value, cst.Integer)
    ]
    returned = {r.value.value for r in nodes_in(function, cst.Return) if isinstance(r.value, cst.Name)}
    return [name for name in dict.fromkeys(starts) if name in returned and assigned.count(name) == 1]


def counter_updates(site: Site) -> Iterator[Edit]:
    """``c += 1`` at the end of the loop around the line, for a count ``c`` the function starts at an integer,
    returns and never moves (``_frozen_counts``; tier 1: narrow, one edit per such count and loop)."""
    around = _loop_around(site)
    if around is None or site.function is None:
        return
    for name in _frozen_counts(site.function):
        yield _at_end(around[1], f"{name} += 1", "counter-update", 1)


def _loop_around(site: Site) -> tuple[cst.For | cst.While, cst.IndentedBlock] | None:
    """The loop the line is (or is in), and its body, when it is in a function and its body is indented."""
    stmt = site.statement
    loop: cst.CSTNode | None = stmt
    if stmt is not None and not isinstance(stmt, cst.For | cst.While):
        loop = site.src.enclosing(stmt, cst.For, cst.While, cst.FunctionDef)
    if site.function is None or not isinstance(loop, cst.For | cst.While):
        return None
    return (loop, loop.body) if isinstance(loop.body, cst.IndentedBlock) else None


def _low_digits(body: cst.CSTNode) -> list[tuple[cst.Name, str]]:
    """Names ``body`` takes the low bit or digit of (``n & 1``, ``n % 10``, not a ``n % p == 0`` test), each
    with the step that drops it (``n >>= 1``, ``n //= 10``)."""
    tests = {id(c.left) for c in nodes_in(body, cst.Comparison) if any(_is_zero(t.comparator) for t in c.comparisons)}
    found = []
    for op in nodes_in(body, cst.BinaryOperation):
        left, right = op.left, op.right
        if not isinstance(left, cst.Name) or id(op) in tests:
            continue
        if isinstance(op.operator, cst.BitAnd) and isinstance(right, cst.Integer) and right.value == "1":
            found.append((left, f"{left.value} >>= 1"))
        elif isinstance(op.operator, cst.Modulo) and isinstance(right, cst.Integer | cst.Name):
            found.append((left, f"{left.value} //= {code(right)}"))
    return found


def _is_zero(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Integer) and node.value == "0"


def digit_shifts(site: Site) -> Iterator[Edit]:
    """``n >>= 1`` / ``n //= b`` at the end of the enclosing loop for a local ``n`` the loop takes the low bit or
    digit of (``n & 1``, ``n % b``) but never changes: a bit or digit loop that reads the same digit forever
    (tier 3)."""
    around = _loop_around(site)
    if around is None:
        return
    loop, body = around
    changed = _changed_names(body) | set(_assigned(loop))
    shown: set[str] = set()
    for name, text in _low_digits(body):
        if name.value not in changed and text not in shown and site.is_local(name):
            shown.add(text)
            yield _at_end(body, text)


def _changed_names(body: cst.CSTNode) -> set[str]:
    """Names ``body`` assigns (``n -= v``, ``n = …``) or calls a method on (``stack.pop()``)."""
    names = {t.target.value for a in nodes_in(body, cst.Assign) for t in a.targets if isinstance(t.target, cst.Name)}
    names |= {a.target.value for a in nodes_in(body, cst.AugAssign) if isinstance(a.target, cst.Name)}
    calls = (c.func for c in nodes_in(body, cst.Call) if isinstance(c.func, cst.Attribute))
    return names | {f.value.value for f in calls if isinstance(f.value, cst.Name)}


def if_to_while(site: Site) -> Iterator[Edit]:
    """``if c:`` → ``while c:`` for an ``if`` without ``else`` in a function whose body changes a name ``c``
    reads: the step should repeat until the condition fails (a greedy step, popping a monotonic stack)."""
    stmt = site.statement
    if site.function is None or not isinstance(stmt, cst.If) or stmt.orelse is not None:
        return
    if not free_names(stmt.test) & _changed_names(stmt.body):
        return
    loop = cst.While(
        test=stmt.test,
        body=stmt.body,
        leading_lines=stmt.leading_lines,
        whitespace_after_while=stmt.whitespace_before_test,
        whitespace_before_colon=stmt.whitespace_after_test,
    )
    yield Edit(stmt, loop, "if-to-while", 2)
