"""Checks on the touched files before and after the patch: tests not weakened, no swallowed exceptions,
ruff clean on the added lines."""

from __future__ import annotations

import json
import subprocess

from ruff.__main__ import find_ruff_bin

from agentfleet.analysis import FileChange, review_changes
from agentfleet.contracts import Check
from agentfleet.core.errors import PermanentError
from agentfleet.flow.gate.diffview import DiffView

__all__ = ["review_checks", "ruff_changed_lines"]

_RULES = {"test-weakened": "tests_not_weakened", "swallowed-exception": "no_swallowed_exceptions"}
_CLEAN = {"tests_not_weakened": "no test deleted or weakened", "no_swallowed_exceptions": "no exception swallowed"}


def review_checks(before: dict[str, str | None], after: dict[str, str | None]) -> list[Check]:
    """Test weakening and swallowed exceptions, from ``agentfleet.analysis``."""
    changes = [FileChange(path, before.get(path), after.get(path)) for path in sorted(set(before) | set(after))]
    found: dict[str, list[str]] = {name: [] for name in _RULES.values()}
    for violation in review_changes(changes):
        if violation.rule in _RULES:
            found[_RULES[violation.rule]].append(str(violation))
    return [Check(name=name, passed=not hits, evidence="; ".join(hits) or _CLEAN[name]) for name, hits in found.items()]


def _ruff(text: str, path: str, select: list[str]) -> list[dict[str, object]]:
    argv = [find_ruff_bin(), "check", "--isolated", "--no-cache", "--select", ",".join(select)]
    argv += ["--output-format", "json", "--stdin-filename", path, "-"]
    done = subprocess.run(argv, input=text, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode not in (0, 1):
        raise PermanentError(f"ruff failed on {path}: {done.stderr.strip()[-500:]}")
    return list(json.loads(done.stdout or "[]"))


def ruff_changed_lines(view: DiffView, after: dict[str, str | None], select: list[str]) -> Check:
    """Ruff's ``select`` rules report nothing on a line the patch adds (ruff reads code, never runs it)."""
    hits = []
    for change in view.files:
        text = after.get(change.path)
        if not change.path.endswith(".py") or text is None:
            continue
        for diag in _ruff(text, change.path, select):
            row = diag["location"]["row"]  # type: ignore[index]
            if row in change.added_lines:
                hits.append(f"{change.path}:{row}: {diag['code']} {diag['message']}")
    evidence = "; ".join(hits) or f"ruff ({','.join(select)}) clean on added lines"
    return Check(name="ruff_changed_lines", passed=not hits, evidence=evidence)
