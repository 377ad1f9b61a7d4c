"""Extract function: move the block that carries the most of a function's debt into a private helper.

Candidates are every compound statement of the function (at any depth) and every inner block as a whole; the
ones that carry most of the rule's weight (decisions for ``complexity``, depth for ``nesting``, lines for
``length``) are tried first. A candidate is kept only when the helper can take the block as it stands
(``flow.analyse``), the function's metric improves, and the helper itself stays within the threshold.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from agentfleet.analysis import always_exits
from agentfleet.flow.fixers.refactor.extract import extract, last_named
from agentfleet.flow.fixers.refactor.flow import regions_in
from agentfleet.flow.monitors.quality.config import QualityConfig
from agentfleet.flow.monitors.quality.metric import better, metric_of
from agentfleet.flow.monitors.quality.shape import depth

__all__ = ["Extracted", "extract_blocks"]

_DECISIONS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.match_case, ast.With, ast.AsyncWith)
_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.TryStar)
_MAX_HELPERS = 3
_MAX_TRIES = 12
_AT_LINE = re.compile(r"\(line (\d+)\)$")


@dataclass
class Extracted:
    """The text after the extractions, the helpers made and what stopped the others."""

    text: str
    helpers: list[str]
    problems: list[str]


def _weight(rule: str, stmts: list[ast.stmt]) -> int:
    if rule == "nesting":
        return depth(stmts)
    if rule == "length":
        return sum((s.end_lineno or s.lineno) - s.lineno + 1 for s in stmts)
    return sum(1 for s in stmts for n in ast.walk(s) if isinstance(n, _DECISIONS))


def _candidates(function: ast.FunctionDef | ast.AsyncFunctionDef, rule: str) -> list[tuple[int, int, int]]:
    """(weight, first line, last line), heaviest first; the whole body is never one."""
    found: dict[tuple[int, int], int] = {}

    def add(stmts: list[ast.stmt]) -> None:
        span = (stmts[0].lineno, stmts[-1].end_lineno or stmts[-1].lineno)
        if stmts != function.body:
            found[span] = _weight(rule, stmts)

    for body, _ in regions_in(function, False):
        for stmt in body:
            if isinstance(stmt, _COMPOUND):
                add([stmt])
        if body is not function.body and len(body) > 1:
            add(body)
        for i in range(1, len(body) - 1):
            if always_exits(body[i:]):
                add(body[i:])  # a tail that returns on every path: ``return helper(…)``
    return sorted(((w, a, b) for (a, b), w in found.items() if w > 0), reverse=True)


def _function(text: str, qualname: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    node: ast.AST = ast.parse(text)
    for part in qualname.split("."):
        node = last_named(getattr(node, "body", []), part)  # type: ignore[assignment]
        if node is None:
            return None
    return node if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None


def _tries(text: str, qualname: str, rule: str, blocked: set[int]) -> Iterator[tuple[int, int]]:
    """The ``_MAX_TRIES`` heaviest candidates holding none of the ``blocked`` lines (as ``blocked`` grows)."""
    function = _function(text, qualname)
    candidates = _candidates(function, rule) if function is not None else []
    tried = 0
    for _, a, b in candidates:
        if tried >= _MAX_TRIES:
            return
        if not any(a <= line <= b for line in blocked):
            tried += 1
            yield a, b


def _blocking_line(problem: str) -> int | None:
    """The line of a construct no helper can take (a lambda, ``super()``, ``del``): every block holding it fails
    alike (schema's ``Schema.validate``: the twelve heaviest blocks held one lambda). A ``return`` is no such line:
    a smaller block may exit on every path."""
    found = _AT_LINE.search(problem)
    construct = problem.startswith(("holds ", "uses ", "deletes ")) and not problem.startswith("holds return")
    return int(found[1]) if found and construct else None


def extract_blocks(text: str, path: str, qualname: str, rule: str, conf: QualityConfig) -> Extracted:
    """``text`` with up to three blocks of ``qualname`` moved into helpers, while ``rule`` is still crossed."""
    done = Extracted(text, [], [])
    limit = conf.limit(rule)
    short = qualname.rsplit(".", 1)[-1].strip("_")
    for _ in range(_MAX_HELPERS):
        current = metric_of(rule, done.text, path, qualname, conf)
        if current is None or current <= limit:
            break
        blocked: set[int] = set()
        for first, last in _tries(done.text, qualname, rule, blocked):
            result = extract(done.text, [(qualname, first, last)], f"_{short}_part")
            if result.problem is not None:
                done.problems.append(f"lines {first}-{last}: {result.problem}")
                blocked |= {line} if (line := _blocking_line(result.problem)) is not None else set()
                continue
            after = metric_of(rule, result.text, path, qualname, conf)
            helper = metric_of(rule, result.text, path, result.helper, conf)
            if better(rule, current, after) and helper is not None and helper <= limit:
                done.text = result.text
                done.helpers.append(result.helper)
                break
            done.problems.append(f"lines {first}-{last}: the helper would not lower {rule} within the limit")
        else:
            break
    return done
