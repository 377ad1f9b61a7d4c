"""Checks that need only the diff: size limits, forbidden paths, secrets in added lines."""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatchcase

from detect_secrets.core.scan import scan_line
from detect_secrets.settings import default_settings

from agentfleet.contracts import Check
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.kinds import Kind

__all__ = ["diff_limits", "forbidden_paths", "no_secrets", "static_checks"]

_NOISY = ("High Entropy",)
"""detect-secrets plugins too noisy for code review (hashes and fixtures trip them)."""


def _matches(path: str, patterns: list[str]) -> str | None:
    return next((pattern for pattern in patterns if fnmatchcase(path, pattern)), None)


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


def forbidden_paths(view: DiffView, conf: GateConfig, kind: Kind, dependency_files: Sequence[str] = ()) -> Check:
    """No CI config, workflows, secrets or keys; lockfiles and dependency files only for kinds whose row
    says ``may_change = ("dependencies",)``.

    ``dependency_files`` decide what the sandbox's prepare step installs — with network — so only the
    deterministic dependency recipe may change them, never a fixer's free-form patch.
    """
    dependency = [] if "dependencies" in kind.may_change else [*conf.lockfiles, *dependency_files]
    hits = []
    for path in sorted(view.paths):
        if pattern := _matches(path, [*conf.forbidden, *conf.extra_forbidden]):
            hits.append(f"{path} (forbidden: {pattern})")
        elif pattern := _matches(path, dependency):
            hits.append(f"{path} (dependency file {pattern}: only dependency work may change it)")
    return Check(name="forbidden_paths", passed=not hits, evidence="; ".join(hits) or "no forbidden path touched")


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


def static_checks(view: DiffView, conf: GateConfig, kind: Kind, dependency_files: Sequence[str] = ()) -> list[Check]:
    """Every diff-only check, in order."""
    return [diff_limits(view, conf), forbidden_paths(view, conf, kind, dependency_files), no_secrets(view)]
