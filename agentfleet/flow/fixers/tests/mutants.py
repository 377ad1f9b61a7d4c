"""Mutation check: the repair engine's templates, used as mutation operators on the target lines.

A repair template proposes edits at a line (``<`` → ``<=``, ``+ 1`` dropped, a condition negated, …); as a
mutant, each edit is a plausible bug. A mutant is *killed* when the tests fail on it. The mutants new tests
kill that the old suite does not are what the tests are worth: tests that run the code but check nothing
kill none. Mutants run in the repair engine's batch runner: one sandbox command, one fork per mutant.
"""

from __future__ import annotations

import ast
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from agentfleet.flow.fixers.repair.runner import SCRATCH, BatchRow, code_argv, json_rows
from agentfleet.flow.fixers.repair.source import Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at
from agentfleet.flow.fixers.repair.templates.names import swapped_arguments, wrong_function, wrong_variable
from agentfleet.flow.fixers.repair.templates.operators import (
    arithmetic_operators,
    boolean_operators,
    comparison_operators,
    negations,
)
from agentfleet.flow.fixers.repair.templates.statements import delete_statement, missing_return
from agentfleet.flow.fixers.repair.templates.values import boundaries, constants, slice_bounds

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["OPERATORS", "Mutant", "killed", "mutants_at"]

log = logging.getLogger(__name__)

OPERATORS = (
    comparison_operators,
    boundaries,
    arithmetic_operators,
    boolean_operators,
    negations,
    constants,
    slice_bounds,
    wrong_function,
    swapped_arguments,
    missing_return,
    delete_statement,
    wrong_variable,
)
"""Repair templates that make good mutation operators (guards and duplicates mostly make equivalent mutants)."""

_NOT_KILLED = {0, 4, 5}
"""pytest exits that mean the tests did not fail: passed, usage error, nothing collected."""


@dataclass(frozen=True)
class Mutant:
    """The file's text with one template's edit at one target line."""

    id: int
    line: int
    operator: str
    source: str


def _per_line(src: SourceFile, line: int, seen: set[str]) -> list[tuple[str, str]]:
    found = []
    for edit in edits_at(Site(src, line), OPERATORS):
        try:
            text = src.apply(edit)
            ast.parse(text)
        except (SyntaxError, ValueError, TypeError, AttributeError):
            continue  # an edit libcst cannot place here, or one that does not parse: not a mutant
        if text != src.text and text not in seen:
            seen.add(text)
            found.append((edit.template, text))
    return found


def mutants_at(path: str, text: str, lines: Iterable[int], limit: int) -> list[Mutant]:
    """At most ``limit`` distinct mutants of ``text`` on ``lines``, taken round-robin across the lines."""
    try:
        src = SourceFile(path, text)
    except cst.ParserSyntaxError as exc:
        log.warning("mutants: libcst cannot parse %s (%s); no mutants", path, str(exc).splitlines()[0])
        return []
    seen: set[str] = set()
    queues = [[(line, *m) for m in _per_line(src, line, seen)] for line in sorted(set(lines))]
    mutants: list[Mutant] = []
    while len(mutants) < limit and any(queues):
        for queue in queues:
            if queue and len(mutants) < limit:
                line, operator, source = queue.pop(0)
                mutants.append(Mutant(len(mutants), line, operator, source))
    return mutants


def killed(
    box: Sandbox, path: str, original: str, mutants: list[Mutant], tests: list[str], per_mutant_s: float
) -> set[int]:
    """Ids of ``mutants`` that make ``tests`` fail in ``box``; ``path`` holds ``original`` again afterwards."""
    if not mutants or not tests:
        return set()
    try:
        return _killed(box, path, mutants, tests, per_mutant_s)
    finally:
        box.write(path, original)  # a batch cut short by its time limit may leave a mutant in place


def kills_by_test(
    box: Sandbox, path: str, original: str, mutants: list[Mutant], tests: list[str], per_mutant_s: float
) -> dict[str, set[int]]:
    """Test → the ids of ``mutants`` it kills on its own (``mutants``: those the tests kill together, so a single test
    needs no second run)."""
    if len(tests) == 1:
        return {tests[0]: {m.id for m in mutants}}
    return {test: killed(box, path, original, mutants, [test], per_mutant_s) for test in tests}


def _killed(box: Sandbox, path: str, mutants: list[Mutant], tests: list[str], per_mutant_s: float) -> set[int]:
    spec = {
        "tests": tests,
        "timeout": per_mutant_s,
        "suite": False,
        "suite_timeout": per_mutant_s,
        "memory_bytes": 1 << 30,
        "candidates": [{"id": m.id, "path": path, "source": m.source} for m in mutants],
    }
    box.write(f"{SCRATCH}/mutants.json", json.dumps(spec))
    result = box.run(code_argv("batch", f"{SCRATCH}/mutants.json"), timeout=per_mutant_s * len(mutants) + 30)
    rows = []
    for row in json_rows(result.stdout):
        try:
            rows.append(BatchRow(**row))
        except TypeError:
            continue
    if len(rows) < len(mutants):
        log.warning("mutation batch ended early exit=%d rows=%d/%d", result.exit_code, len(rows), len(mutants))
    ids = {m.id for m in mutants}
    return {r.id for r in rows if r.id in ids and r.exit not in _NOT_KILLED}
