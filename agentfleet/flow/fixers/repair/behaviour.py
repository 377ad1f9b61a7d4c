"""Behavioural distance, a tie-breaker among plausible patches: the calls the tests make to the edited
function, pushed outward (``seeds``), run on the original code and on each patch; a patch that answers
differently on fewer of them changes less of what the function did, and is the likelier fix (a fix
changes the buggy behaviour, not the rest)."""

from __future__ import annotations

import ast
import json
import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.rank import Ranked, order
from agentfleet.flow.fixers.repair.reproduce import CrashSite, import_name
from agentfleet.flow.fixers.repair.runner import SCRATCH, code_argv, json_rows
from agentfleet.flow.fixers.repair.seeds import argument_lists, parameters

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["by_behaviour", "outcomes"]

log = logging.getLogger(__name__)

_MAX_CALLS = 40
_CALL_TIMEOUT_S = 1.0


def _function_at(source: str, line: int) -> str | None:
    """The module-level function holding ``line`` (the outer one for a nested function)."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.lineno <= line <= (node.end_lineno or node.lineno):
            return node.name
    return None


def outcomes(box: Sandbox, module: str, function: str, calls: list[list[str]], memory_bytes: int) -> list[str]:
    """What each call of ``module.function`` returned or raised in ``box`` as its files are now."""
    spec = {
        "module": module,
        "function": function,
        "calls": calls,
        "timeout": _CALL_TIMEOUT_S,
        "memory_bytes": memory_bytes,
    }
    box.write(f"{SCRATCH}/behaviour.json", json.dumps(spec))
    result = box.run(code_argv("reproduce", f"{SCRATCH}/behaviour.json"), timeout=_CALL_TIMEOUT_S * len(calls) + 10)
    rows = {row.get("index"): f"{row.get('raised')}:{row.get('value')}" for row in json_rows(result.stdout)}
    return [rows.get(i, "missing") for i in range(len(calls))]


def _distance(
    box: Sandbox, patch: Ranked, original: str, test_sources: Mapping[str, str], memory_bytes: int
) -> int | None:
    path = patch.candidate.path
    function = _function_at(original, patch.candidate.line)
    params = parameters(original, function) if function else None
    module = import_name(CrashSite(path, function, "Exception"), test_sources) if function else None
    calls = argument_lists(test_sources.values(), function, params)[:_MAX_CALLS] if function and params else []
    if not calls or module is None or function is None:
        return None
    before = outcomes(box, module, function, calls, memory_bytes)
    box.write(path, patch.candidate.source)
    try:
        after = outcomes(box, module, function, calls, memory_bytes)
    finally:
        box.write(path, original)
    return sum(a != b for a, b in zip(before, after, strict=True))


def by_behaviour(
    box: Sandbox, ranked: list[Ranked], originals: Mapping[str, str], test_sources: Mapping[str, str], memory_bytes: int
) -> list[Ranked]:
    """``ranked`` with each patch's behavioural distance filled in and the order redone (unchanged when there is
    one patch, or when the edited function cannot be called from the tests' literals)."""
    if len(ranked) < 2:
        return ranked
    scored = []
    for patch in ranked:
        try:
            distance = _distance(box, patch, originals[patch.candidate.path], test_sources, memory_bytes)
        except (PermanentError, SyntaxError, ValueError) as exc:
            log.info("repair: no behavioural distance for %s: %s", patch.candidate.path, exc)
            return ranked
        if distance is None:
            return ranked
        scored.append(replace(patch, distance=distance))
    log.info("repair behavioural distances: %s", [(p.candidate.template, p.distance) for p in scored])
    return order(scored)
