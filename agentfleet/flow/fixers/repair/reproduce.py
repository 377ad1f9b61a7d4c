"""Reproduce a production crash when no test fails: find a call that raises the same error at the same
place, and write it as a regression test (the gate then sees it fail before the fix and pass after).

A method is called on an instance built from constructor calls the tests make (and typical
arguments), a static or class method on its class.
"""

from __future__ import annotations

import ast
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from agentfleet.analysis import module_name, parse_each
from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.callee import Callee, callee
from agentfleet.flow.fixers.repair.runner import SCRATCH, code_argv, json_rows
from agentfleet.flow.fixers.repair.seeds import argument_lists

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["CrashSite", "Reproduction", "import_name", "reproduce"]

log = logging.getLogger(__name__)

_CONSTRUCTORS = 8
"""Constructor calls tried per method call: the tests' own first, then typical arguments."""
_CALLS = 400


@dataclass(frozen=True)
class CrashSite:
    """Where production crashed: the innermost in-app frame, mapped to a repo file, and the exception."""

    path: str
    function: str
    exception: str
    """Exception class name as reported (``IndexError``, ``decimal.InvalidOperation``)."""
    line: int | None = None
    """The crash line: picks the right method when several classes of the file define one by that name."""


@dataclass(frozen=True)
class Reproduction:
    """A call that crashes like production did, written as a new test file."""

    call: str
    path: str
    source: str
    tried: int


def import_name(crash: CrashSite, test_sources: Mapping[str, str], name: str | None = None) -> str | None:
    """The dotted name the tests import the crashing module by (else one derived from its path);
    ``name``: what they import from it (the function, or the class of a method)."""
    stem = PurePosixPath(crash.path).with_suffix("")
    for tree in parse_each(test_sources.values()):
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.ImportFrom) else []
            if (name or crash.function) in names and node.module and node.module.endswith(stem.name):  # type: ignore[attr-defined]
                return node.module  # type: ignore[attr-defined,no-any-return]
    return module_name(crash.path)


def _matches(row: dict[str, Any], crash: CrashSite) -> bool:
    frames = row.get("frames") or []
    inner = frames[-1] if isinstance(frames, list) and frames else None
    raised = str(row.get("raised") or "")
    same_type = raised == crash.exception.rsplit(".", 1)[-1]
    return same_type and inner is not None and inner[0] == crash.path and inner[2] == crash.function


def _test_file(
    crash: CrashSite, module: str, imported: str, call: str, test_sources: Mapping[str, str]
) -> tuple[str, str]:
    folder = "tests/" if any(p.startswith("tests/") for p in test_sources) else ""
    path = f"{folder}test_regression_{crash.function}.py"
    n = 2
    while path in test_sources:
        path, n = f"{folder}test_regression_{crash.function}_{n}.py", n + 1
    source = (
        f'"""Regression test written by agentfleet\'s repair engine: this call crashed like production did."""\n\n'
        f"from {module} import {imported}\n\n\n"
        f"def test_{crash.function}_does_not_crash_as_in_production():\n    {call}\n"
    )
    return path, source


def _calls(target: Callee, crash: CrashSite, tests: list[str]) -> tuple[list[Any], list[str]]:
    """The calls to send to the sandbox, and each as the source line a regression test would run."""
    calls = argument_lists(tests, crash.function, target.params, breadth=True)
    if target.owner is None:
        return calls, [f"{crash.function}({', '.join(args)})" for args in calls]
    if target.init is None:
        return [{"init": None, "args": a} for a in calls], [
            f"{target.owner}.{crash.function}({', '.join(a)})" for a in calls
        ]
    inits = argument_lists(tests, target.owner, target.init, breadth=True, own=True, limit=_CONSTRUCTORS)
    pairs = [(init, args) for args in calls for init in inits][:_CALLS]
    shown = [f"{target.owner}({', '.join(init)}).{crash.function}({', '.join(args)})" for init, args in pairs]
    return [{"init": init, "args": args} for init, args in pairs], shown


def reproduce(
    box: Sandbox, crash: CrashSite, test_sources: Mapping[str, str], timeout: float, memory_bytes: int
) -> Reproduction | None:
    """The first call found (in ``box``) that raises ``crash.exception`` inside ``crash.function``.

    Each call runs in its own forked child with ``timeout`` seconds and ``memory_bytes`` of address space.
    """
    if not (crash.function.isidentifier() and crash.exception.rsplit(".", 1)[-1].isidentifier()):
        return None
    try:
        target = callee(box.read(crash.path), crash.function, crash.line)
    except (PermanentError, SyntaxError):
        target = None
    imported = (target.owner if target else None) or crash.function
    module = import_name(crash, test_sources, imported)
    if target is None or module is None:
        log.info("repair: no function or method %s in %s to call; no reproduction", crash.function, crash.path)
        return None
    calls, shown = _calls(target, crash, list(test_sources.values()))
    spec = {
        "module": module,
        "function": crash.function,
        "owner": target.owner,
        "calls": calls,
        "timeout": timeout,
        "memory_bytes": memory_bytes,
    }
    box.write(f"{SCRATCH}/reproduce.json", json.dumps(spec))
    result = box.run(code_argv("reproduce", f"{SCRATCH}/reproduce.json"), timeout=timeout * len(calls) + 10)
    for row in json_rows(result.stdout):
        if _matches(row, crash):
            call = shown[row["index"]]
            path, source = _test_file(crash, module, imported, call, test_sources)
            log.info("repair reproduced %s with %s after %d calls", crash.exception, call, row["index"] + 1)
            return Reproduction(call, path, source, row["index"] + 1)
    log.info("repair: none of %d calls to %s raised %s there", len(calls), crash.function, crash.exception)
    return None
