"""Duplicated code: statement sequences repeated across a repository, identical modulo names.

A token-based detector (symilar, CPD) compares lines; this one compares *statements*. Every statement of every
function body (and of every nested block) is reduced to the shape of its AST with identifiers erased — names,
parameters — while attributes, literals and operators stay. Runs of consecutive statements with the same shapes,
at least ``min_lines`` statement lines long, are clones. Two things follow that a line-based detector does not
give: renamed copies are found (``total += p.price`` and ``sum_ += item.price``), and every clone starts and ends
on a statement boundary inside one block, so it can be extracted into a function as it stands.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass

from agentfleet.analysis import statement_blocks
from agentfleet.analysis.functions import FunctionSpan
from agentfleet.contracts import ClonePlace, stable_hash

__all__ = ["Block", "CloneGroup", "blocks_of", "find_clones", "shape"]

_IDENT = re.compile(r"\b(Name|arg)\('[^']*'")
_MAX_BUCKET = 20
"""Most occurrences of one window compared pairwise (a bigger bucket is boilerplate, not a clone to extract)."""


def shape(node: ast.AST) -> str:
    """The statement's AST with identifiers erased (a digest: equal shapes are clones modulo names)."""
    return stable_hash(_IDENT.sub(r"\1('_'", ast.dump(node, annotate_fields=False)), length=16)


def _lines(node: ast.stmt) -> set[int]:
    return set(range(node.lineno, (node.end_lineno or node.lineno) + 1))


@dataclass
class Block:
    """One statement list inside a function: its statements' shapes and line counts."""

    path: str
    function: str
    stmts: list[ast.stmt]
    shapes: list[str]
    sizes: list[int]

    def place(self, i: int, j: int) -> ClonePlace:
        """Statements ``i`` to ``j`` (inclusive) as a clone place."""
        first, last = self.stmts[i], self.stmts[j]
        return ClonePlace(
            path=self.path, function=self.function, start=first.lineno, end=last.end_lineno or last.lineno
        )


@dataclass(frozen=True)
class CloneGroup:
    """Every occurrence of one duplicated statement sequence."""

    key: str
    """Digest of the sequence's shapes (stable while the code does not change)."""
    lines: int
    """Statement lines of one occurrence."""
    places: tuple[ClonePlace, ...]


def blocks_of(path: str, tree: ast.Module, functions: list[FunctionSpan]) -> list[Block]:
    """The blocks of each function in ``functions`` (``functions_in`` order), nested blocks included."""
    defs = {(n.lineno, n.name): n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    found: list[Block] = []
    for function in functions:
        node = defs.get((function.def_line, function.name))
        if node is None:
            continue
        pending: list[list[ast.stmt]] = [node.body]
        while pending:
            stmts = pending.pop()
            found.append(
                Block(path, function.qualname, stmts, [shape(s) for s in stmts], [len(_lines(s)) for s in stmts])
            )
            for stmt in stmts:
                if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    pending.extend(statement_blocks(stmt))
    return found


def _windows(blocks: list[Block], min_lines: int) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Shortest statement runs of at least ``min_lines`` lines, by their shapes → (block, start)."""
    found: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for b, block in enumerate(blocks):
        for i in range(len(block.stmts)):
            total, j = 0, i
            while j < len(block.stmts) and total < min_lines:
                total += block.sizes[j]
                j += 1
            if total >= min_lines:
                found[tuple(block.shapes[i:j])].append((b, i))
    return found


def _extend(a: Block, i: int, b: Block, k: int) -> int:
    """How many statements from ``a[i]`` and ``b[k]`` on have equal shapes (never overlapping in one block)."""
    n = 0
    while i + n < len(a.stmts) and k + n < len(b.stmts) and a.shapes[i + n] == b.shapes[k + n]:
        if a is b and i + n >= k:
            break
        n += 1
    return n


def _start(a: Block, i: int, b: Block, k: int) -> tuple[int, int]:
    """Where the matching run through ``a[i]`` and ``b[k]`` begins."""
    while i and k and a.shapes[i - 1] == b.shapes[k - 1] and (a is not b or i - 1 < k - 1):
        i, k = i - 1, k - 1
    return i, k


def _pairs(blocks: list[Block], min_lines: int) -> set[tuple[int, int, int, int, int]]:
    """Maximal matching runs long enough, as ``(block a, start a, block b, start b, statements)``."""
    runs: set[tuple[int, int, int, int, int]] = set()
    for seeds in _windows(blocks, min_lines).values():
        for x, (a, i) in enumerate(seeds[:_MAX_BUCKET]):
            for b, k in seeds[x + 1 : _MAX_BUCKET]:
                first, second = blocks[a], blocks[b]
                start, other = _start(first, i, second, k)
                n = _extend(first, start, second, other)
                if n and sum(first.sizes[start : start + n]) >= min_lines:
                    runs.add((a, start, b, other, n))
    return runs


def _inside(place: ClonePlace, others: list[ClonePlace]) -> bool:
    return any(o.path == place.path and o.start <= place.start and place.end <= o.end and o != place for o in others)


def find_clones(blocks: list[Block], min_lines: int) -> list[CloneGroup]:
    """Groups of statement sequences repeated (modulo names) at least ``min_lines`` statement lines long, the
    largest first; a clone nested inside a bigger clone of the same places is left out."""
    groups: dict[str, tuple[int, set[ClonePlace]]] = {}
    for a, i, b, k, n in _pairs(blocks, min_lines):
        first, second = blocks[a], blocks[b]
        key = stable_hash(*first.shapes[i : i + n], length=16)
        size = sum(first.sizes[i : i + n])
        places = groups.setdefault(key, (size, set()))[1]
        places.update({first.place(i, i + n - 1), second.place(k, k + n - 1)})
    every = [p for _, places in groups.values() for p in places]
    found = []
    for key, (size, places) in groups.items():
        kept = sorted((p for p in places if not _inside(p, every)), key=lambda p: (p.path, p.start))
        if len(kept) >= 2:
            found.append(CloneGroup(key, size, tuple(kept)))
    return sorted(found, key=lambda g: (-g.lines * len(g.places), g.places[0].path, g.places[0].start))
