"""Checks on the patch as text, before any sandbox: readable changes, size limits, secrets.

All of them read the texts git produced when applying the patch (``patchset``), so a hunk the diff
parser and git would read differently changes nothing here.
"""

from __future__ import annotations

from detect_secrets.core.scan import scan_line
from detect_secrets.settings import default_settings

from agentfleet.contracts import Check
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView

__all__ = ["diff_limits", "no_secrets", "readable"]

_NOISY = ("High Entropy",)
"""detect-secrets plugins too noisy for code review (hashes and fixtures trip them)."""


def readable(unreadable: list[str]) -> Check:
    """Every change is a text change of a regular file the gate can review (no binary hunk, symlink,
    submodule, mode change or oversized file)."""
    evidence = "; ".join(unreadable) or "every change is text in a regular file"
    return Check(name="readable", passed=not unreadable, evidence=evidence)


def diff_limits(view: DiffView, conf: GateConfig) -> Check:
    """At most ``max_files`` files and ``max_lines`` added plus removed lines."""
    files, lines = len(view.paths), view.changed_lines
    problems = []
    if files > conf.max_files:
        problems.append(f"{files} files > max_files={conf.max_files}")
    if lines > conf.max_lines:
        problems.append(f"{lines} changed lines > max_lines={conf.max_lines}")
    evidence = (
        "; ".join(problems) or f"{files} file(s), {lines} changed line(s) (limits {conf.max_files}/{conf.max_lines})"
    )
    return Check(name="diff_limits", passed=not problems, evidence=evidence)


def no_secrets(view: DiffView) -> Check:
    """No added line that detect-secrets recognises as a credential."""
    hits = []
    with default_settings():
        for change in view.files:
            for lineno, text in change.added:
                kinds = sorted({s.type for s in scan_line(text) if not any(n in s.type for n in _NOISY)})
                if kinds:
                    hits.append(f"{change.path}:{lineno}: {', '.join(kinds)}")
    return Check(name="no_secrets", passed=not hits, evidence="; ".join(hits) or "no secret in added lines")
