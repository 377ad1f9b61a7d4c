"""Ruff's *safe* fixes for the enabled rules, applied only inside one function.

Ruff reports each fix as edits with positions; the edits of fixes marked ``safe`` that lie wholly inside the
function are applied (a fix with one edit outside is left out whole), then ruff runs again, until nothing is
left to apply. Ruff reads the text from stdin, isolated from the repository's configuration; nothing is run.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from typing import Any

from ruff.__main__ import find_ruff_bin

from agentfleet.analysis.functions import find_function
from agentfleet.core.errors import PermanentError

__all__ = ["safe_fixes", "without_safe_fix"]

_PASSES = 6


def _diagnostics(text: str, path: str, select: Sequence[str], target: str) -> list[dict[str, Any]]:
    argv = [find_ruff_bin(), "check", "--isolated", "--no-cache", "--exit-zero", "--select", ",".join(select)]
    argv += ["--target-version", target, "--output-format", "json", "--stdin-filename", path, "-"]
    done = subprocess.run(argv, input=text, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise PermanentError(f"ruff failed on {path}: {done.stderr.strip()[-500:]}")
    return list(json.loads(done.stdout or "[]"))


def _offsets(text: str) -> list[int]:
    starts, total = [0], 0
    for line in text.splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts


def _at(starts: list[int], where: dict[str, int]) -> int:
    row = min(int(where["row"]), len(starts))
    return starts[row - 1] + int(where["column"]) - 1


def _inside(edits: list[dict[str, Any]], start: int, end: int) -> bool:
    return all(start <= e["location"]["row"] and e["end_location"]["row"] <= end for e in edits)


def _apply(text: str, fixes: list[list[dict[str, Any]]]) -> str:
    starts = _offsets(text)
    taken: list[tuple[int, int, str]] = []
    for edits in fixes:
        spans = [(_at(starts, e["location"]), _at(starts, e["end_location"]), str(e["content"])) for e in edits]
        if any(a < y and x < b or a == b == x == y for a, b, _ in spans for x, y, _ in taken):
            continue  # overlaps a fix already taken: the next pass sees it again
        taken += spans
    for a, b, content in sorted(taken, reverse=True):
        text = text[:a] + content + text[b:]
    return text


def safe_fixes(
    text: str, path: str, qualname: str, select: Sequence[str], target: str = "py39"
) -> tuple[str, list[str]]:
    """``text`` with ruff's safe fixes for ``select`` applied inside ``qualname``, and the codes fixed."""
    fixed: list[str] = []
    if not select:
        return text, fixed
    for _ in range(_PASSES):
        span = find_function(text, qualname)
        if span is None:
            break
        fixes, codes = [], []
        for diag in _diagnostics(text, path, select, target):
            fix = diag.get("fix") or {}
            edits = fix.get("edits") or []
            if fix.get("applicability") == "safe" and edits and _inside(edits, span.start, span.end):
                fixes.append(edits)
                codes.append(str(diag.get("code")))
        if not fixes:
            break
        changed = _apply(text, fixes)
        if changed == text:
            break
        compile(changed, path, "exec")
        text = changed
        fixed += codes
    return text, fixed


def without_safe_fix(text: str, path: str, qualname: str, select: Sequence[str], target: str = "py39") -> list[str]:
    """The codes ruff reports inside ``qualname`` for which it offers no safe fix (none, or an unsafe one)."""
    span = find_function(text, qualname)
    if span is None or not select:
        return []
    found = {
        str(diag.get("code"))
        for diag in _diagnostics(text, path, select, target)
        if span.start <= int(diag["location"]["row"]) <= span.end
        and (diag.get("fix") or {}).get("applicability") != "safe"
    }
    return sorted(found)
