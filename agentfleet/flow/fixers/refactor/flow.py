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

from agentfleet.analysis import always_exits, statement_blocks
from agentfleet.flow.fixers.refactor.reads import definite, free, names, params

__all__ = ["Flow", "Region", "analyse", "locate", "regions_in"]

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_FORBIDDEN = (ast.Yield, ast.YieldFrom, ast.Await, ast.Global, ast.Nonlocal, *_SCOPES)
_MAGIC = {"super", "__class__", "locals", "vars", "exec", "eval", "globals", "dir"}
_SWALLOW = (ast.Try, ast.TryStar, ast.With, ast.AsyncWith)
"""Blocks that may go on after an exception half-way (a handler, a context manager that suppresses it)."""
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


def _walk(
    body: list[ast.stmt], chain: tuple[tuple[ast.AST, list[ast.stmt], int], ...]
) -> Iterator[tuple[list[ast.stmt], tuple[tuple[ast.AST, list[ast.stmt], int], ...]]]:
    yield body, chain
    for i, stmt in enumerate(body):
        if not isinstance(stmt, _SCOPES):
            for inner in statement_blocks(stmt):
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


def _bound_before(region: Region) -> set[str]:
    bound = set(params(region.function))
    for node, body, index in region.chain:
        for stmt in body[:index] if index >= 0 else []:
            bound |= definite(stmt)
        if isinstance(node, ast.For | ast.AsyncFor):
            bound |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
        if isinstance(node, ast.With | ast.AsyncWith):
            bound |= definite(ast.With(items=node.items, body=[]))
    for stmt in region.body[: region.start]:
        bound |= definite(stmt)
    return bound


def _problem(region: Region) -> str | None:
    leaves = always_exits(region.stmts)
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
        for inner in statement_blocks(stmt):
            if (why := _escapes(inner, loop or isinstance(stmt, _LOOPS))) is not None:
                return why
    return None


def analyse(region: Region) -> Flow:
    """The region's inputs and outputs, or the problem that keeps it in place."""
    if (why := _problem(region)) is not None:
        return Flow(problem=why)
    leaves = always_exits(region.stmts)
    inside = names(region.stmts)
    every = names(region.function.body)
    local = set(params(region.function)) | set(every.stores)
    reads: list[str] = []
    free(region.stmts, set(), local, reads)
    written = set().union(*(definite(s) for s in region.stmts))
    in_loop = any(isinstance(node, _LOOPS) for node, _, _ in region.chain)
    after = [
        n
        for n in dict.fromkeys(inside.stores)
        if not leaves and (every.loads.count(n) > inside.loads.count(n) or (in_loop and n in inside.loads))
    ]
    before = _bound_before(region)
    inputs = reads + [n for n in after if n not in written and n not in reads]
    signature = [p for p in params(region.function) if p in inputs]  # the helper reads like the function
    inputs = signature + [n for n in inputs if n not in signature]
    unbound = [n for n in inputs if n not in before]
    if unbound:
        return Flow(problem=f"{', '.join(unbound)} may be unbound where it starts")
    if after and any(isinstance(node, _SWALLOW) for node, _, _ in region.chain):
        return Flow(problem="it writes locals inside a try or with block (a half-done state could be seen)")
    if len(inputs) > _MAX_INPUTS or len(after) > _MAX_OUTPUTS:
        return Flow(problem=f"it takes {len(inputs)} inputs and gives {len(after)} outputs: too many to read well")
    return Flow(inputs=inputs, outputs=after, exits=leaves)
