"""Data flow of a run of statements inside a function, for moving it into a helper (read with ``ast``).

A ``Region`` is statements ``start``..``stop`` of one block of a function. ``analyse`` says what the helper
takes (``inputs``: locals the region reads before writing them), what it gives back (``outputs``: locals it
writes that the rest of the function reads), or why the region cannot move without changing behaviour:
``yield``/``await``, ``return`` unless every path through the region ends in ``return`` or ``raise`` (the call
is then ``return helper(…)``), ``break`` or ``continue`` leaving it, ``global``/``nonlocal``, nested functions
or lambdas (late binding), ``super()``, name-mangled attributes, an input that may be unbound when the region
starts (a helper call would fail earlier than the original line), an output that may stay unassigned, or writes
inside a ``try`` (a handler could see a half-done state).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Flow", "Region", "analyse", "exits", "locate", "regions_in"]

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_COMPS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_FORBIDDEN = (ast.Yield, ast.YieldFrom, ast.Await, ast.Global, ast.Nonlocal, *_SCOPES)
_MAGIC = {"super", "__class__", "locals", "vars", "exec", "eval", "globals", "dir"}
_MAX_INPUTS = 6
_MAX_OUTPUTS = 3


@dataclass(frozen=True)
class Region:
    """Statements ``start``..``stop - 1`` of ``body``, a block of ``function``; ``chain`` the enclosing
    statements from the function down, each with the block and index where the next one sits."""

    function: ast.FunctionDef | ast.AsyncFunctionDef
    body: list[ast.stmt]
    start: int
    stop: int
    chain: tuple[tuple[ast.AST, list[ast.stmt], int], ...]
    in_class: bool

    @property
    def stmts(self) -> list[ast.stmt]:
        """The region's statements."""
        return self.body[self.start : self.stop]

    @property
    def lines(self) -> tuple[int, int]:
        """First and last line of the region."""
        return self.stmts[0].lineno, self.stmts[-1].end_lineno or self.stmts[-1].lineno


@dataclass
class Flow:
    """What the region needs and gives, or why it cannot move."""

    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    problem: str | None = None
    exits: bool = False
    """Every path through the region returns or raises: the call is ``return helper(…)``."""


def _blocks(node: ast.AST) -> Iterator[list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        stmts = getattr(node, name, None)
        if isinstance(stmts, list) and stmts and isinstance(stmts[0], ast.stmt):
            yield stmts
    for child in getattr(node, "handlers", []) + getattr(node, "cases", []):
        yield child.body


def _walk(
    body: list[ast.stmt], chain: tuple[tuple[ast.AST, list[ast.stmt], int], ...]
) -> Iterator[tuple[list[ast.stmt], tuple[tuple[ast.AST, list[ast.stmt], int], ...]]]:
    yield body, chain
    for i, stmt in enumerate(body):
        if not isinstance(stmt, _SCOPES):
            for inner in _blocks(stmt):
                yield from _walk(inner, (*chain, (stmt, body, i)))


def regions_in(
    function: ast.FunctionDef | ast.AsyncFunctionDef, in_class: bool
) -> Iterator[tuple[list[ast.stmt], tuple]]:  # type: ignore[type-arg]
    """Every block of ``function`` with its chain of enclosing statements."""
    yield from _walk(function.body, ((function, function.body, -1),))


def locate(function: ast.FunctionDef | ast.AsyncFunctionDef, first: int, last: int, in_class: bool) -> Region | None:
    """The region of ``function`` that starts on line ``first`` and ends on line ``last``."""
    for body, chain in regions_in(function, in_class):
        starts = [i for i, s in enumerate(body) if s.lineno == first]
        ends = [i for i, s in enumerate(body) if (s.end_lineno or s.lineno) == last]
        if starts and ends and starts[0] <= ends[-1]:
            return Region(function, body, starts[0], ends[-1] + 1, chain, in_class)
    return None


class _Names(ast.NodeVisitor):
    """Names a piece of code reads and writes (names bound by comprehensions stay inside them)."""

    def __init__(self) -> None:
        self.loads: list[str] = []
        self.stores: list[str] = []
        self.hidden: list[set[str]] = []

    def visit_Name(self, node: ast.Name) -> None:
        if any(node.id in h for h in self.hidden):
            return
        (self.loads if isinstance(node.ctx, ast.Load) else self.stores).append(node.id)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self.loads.append(node.target.id)
        self.generic_visit(node)

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> None:
        self.visit(node.generators[0].iter)
        bound = {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
        self.hidden.append(bound)
        for i, gen in enumerate(node.generators):
            if i:
                self.visit(gen.iter)
            for cond in gen.ifs:
                self.visit(cond)
        for part in ("elt", "key", "value"):
            if hasattr(node, part):
                self.visit(getattr(node, part))
        self.hidden.pop()

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension


def names(node: ast.AST | list[ast.stmt]) -> _Names:
    """Reads and writes of ``node`` (a node or a list of statements)."""
    found = _Names()
    for item in node if isinstance(node, list) else [node]:
        found.visit(item)
    return found


def _params(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    a = function.args
    every = [*a.posonlyargs, *a.args, *a.kwonlyargs, *([a.vararg] if a.vararg else []), *([a.kwarg] if a.kwarg else [])]
    return {p.arg for p in every}


def _definite(stmt: ast.stmt) -> set[str]:
    """Names ``stmt`` binds on every path through it (when it completes)."""
    if isinstance(stmt, ast.Assign | ast.AnnAssign | ast.AugAssign):
        if isinstance(stmt, ast.AnnAssign) and stmt.value is None:
            return set()
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    if isinstance(stmt, ast.Import | ast.ImportFrom):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    if isinstance(stmt, ast.With | ast.AsyncWith):
        bound = {
            n.id for i in stmt.items if i.optional_vars for n in ast.walk(i.optional_vars) if isinstance(n, ast.Name)
        }
        return bound | set().union(*(_definite(s) for s in stmt.body))
    return set()


def _bound_before(region: Region) -> set[str]:
    bound = _params(region.function)
    for node, body, index in region.chain:
        for stmt in body[:index] if index >= 0 else []:
            bound |= _definite(stmt)
        if isinstance(node, ast.For | ast.AsyncFor):
            bound |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
        if isinstance(node, ast.With | ast.AsyncWith):
            bound |= _definite(ast.With(items=node.items, body=[]))
    for stmt in region.body[: region.start]:
        bound |= _definite(stmt)
    return bound


def exits(stmts: list[ast.stmt]) -> bool:
    """Every path through ``stmts`` ends in ``return`` or ``raise``."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    if isinstance(last, ast.If):
        return exits(last.body) and exits(last.orelse)
    if isinstance(last, ast.With | ast.AsyncWith):
        return exits(last.body)
    return False


def _problem(region: Region) -> str | None:
    leaves = exits(region.stmts)
    for stmt in region.stmts:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Return) and not leaves:
                return f"holds return (line {node.lineno}) but not on every path"
            line = getattr(node, "lineno", stmt.lineno)
            if isinstance(node, _FORBIDDEN):
                return f"holds {type(node).__name__.lower()} (line {line})"
            if isinstance(node, ast.Name) and node.id in _MAGIC:
                return f"uses {node.id} (line {line})"
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
            if region.in_class and name.startswith("__") and not name.endswith("__"):
                return f"uses the class-private name {name} (line {line})"
            if isinstance(node, ast.Delete):
                return f"deletes names (line {line})"
    return _escapes(region.stmts)


def _escapes(stmts: list[ast.stmt], loop: bool = False) -> str | None:
    for stmt in stmts:
        if isinstance(stmt, ast.Break | ast.Continue) and not loop:
            return f"{type(stmt).__name__.lower()} leaves it (line {stmt.lineno})"
        for inner in _blocks(stmt):
            if (why := _escapes(inner, loop or isinstance(stmt, _LOOPS))) is not None:
                return why
    return None


def _targets(node: ast.AST | None) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} if node is not None else set()


def _reads(node: ast.AST | None, bound: set[str], local: set[str], out: list[str]) -> None:
    if node is not None:
        out += [n for n in dict.fromkeys(names(node).loads) if n in local and n not in bound and n not in out]


def _free(stmts: list[ast.stmt], bound: set[str], local: set[str], out: list[str]) -> None:
    """Locals ``stmts`` read on some path before writing them (in reading order), into ``out``."""
    bound = set(bound)
    for stmt in stmts:
        if isinstance(stmt, ast.If | ast.While):
            _reads(stmt.test, bound, local, out)
            _free(stmt.body, bound, local, out)
            _free(stmt.orelse, bound, local, out)
        elif isinstance(stmt, ast.For | ast.AsyncFor):
            _reads(stmt.iter, bound, local, out)
            _free(stmt.body, bound | _targets(stmt.target), local, out)
            _free(stmt.orelse, bound, local, out)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            for item in stmt.items:
                _reads(item.context_expr, bound, local, out)
            _free(stmt.body, bound | set().union(*(_targets(i.optional_vars) for i in stmt.items)), local, out)
        elif isinstance(stmt, ast.Try | ast.TryStar):
            _free(stmt.body, bound, local, out)
            for handler in stmt.handlers:
                _reads(handler.type, bound, local, out)
                _free(handler.body, bound | ({handler.name} if handler.name else set()), local, out)
            _free(stmt.orelse, bound, local, out)
            _free(stmt.finalbody, bound, local, out)
        else:
            _reads(stmt, bound, local, out)
        bound |= _definite(stmt)


def analyse(region: Region) -> Flow:
    """The region's inputs and outputs, or the problem that keeps it in place."""
    if (why := _problem(region)) is not None:
        return Flow(problem=why)
    leaves = exits(region.stmts)
    inside = names(region.stmts)
    every = names(region.function.body)
    local = _params(region.function) | set(every.stores)
    reads: list[str] = []
    _free(region.stmts, set(), local, reads)
    written = set().union(*(_definite(s) for s in region.stmts))
    in_loop = any(isinstance(node, _LOOPS) for node, _, _ in region.chain)
    after = [
        n
        for n in dict.fromkeys(inside.stores)
        if not leaves and (every.loads.count(n) > inside.loads.count(n) or (in_loop and n in inside.loads))
    ]
    before = _bound_before(region)
    inputs = reads + [n for n in after if n not in written and n not in reads]
    unbound = [n for n in inputs if n not in before]
    if unbound:
        return Flow(problem=f"{', '.join(unbound)} may be unbound where it starts")
    if after and any(isinstance(node, ast.Try | ast.TryStar) for node, _, _ in region.chain):
        return Flow(problem="it writes locals inside a try block")
    if len(inputs) > _MAX_INPUTS or len(after) > _MAX_OUTPUTS:
        return Flow(problem=f"it takes {len(inputs)} inputs and gives {len(after)} outputs: too many to read well")
    return Flow(inputs=inputs, outputs=after, exits=leaves)
