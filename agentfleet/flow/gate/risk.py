"""Low-risk classification for phase 4: a small diff that changes no public API (read with griffe)."""

from __future__ import annotations

from pathlib import PurePosixPath

import griffe

from agentfleet.analysis import is_test_file
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView

__all__ = ["api_changes", "low_risk"]


def _signature(obj: griffe.Object) -> str:
    if isinstance(obj, griffe.Function):
        params = ", ".join(f"{p.kind.value}:{p.name}:{p.annotation}={p.default}" for p in obj.parameters)
        return f"({params}) -> {obj.returns}"
    if isinstance(obj, griffe.Class):
        return f"class({', '.join(str(base) for base in obj.bases)})"
    return f"{obj.kind.value}: {getattr(obj, 'annotation', None)}"


def _public(obj: griffe.Object, into: dict[str, str]) -> dict[str, str]:
    for member in obj.members.values():
        if member.is_alias or not member.is_public:
            continue
        into[member.path] = _signature(member)  # type: ignore[arg-type]
        if isinstance(member, griffe.Class):
            _public(member, into)
    return into


def _api(path: str, text: str | None) -> dict[str, str]:
    if text is None:
        return {}
    name = ".".join(PurePosixPath(path).with_suffix("").parts)
    return _public(griffe.visit(name, PurePosixPath(path), text), {})  # type: ignore[arg-type]


def api_changes(before: dict[str, str | None], after: dict[str, str | None]) -> list[str]:
    """Public names added, removed or re-signed in the non-test Python files the patch touches."""
    changes: list[str] = []
    for path in sorted(set(before) | set(after)):
        if not path.endswith(".py") or is_test_file(path):
            continue
        try:
            old, new = _api(path, before.get(path)), _api(path, after.get(path))
        except SyntaxError:
            changes.append(f"{path}: cannot be parsed")
            continue
        changes += [f"removed {name}" for name in sorted(set(old) - set(new))]
        changes += [f"added {name}" for name in sorted(set(new) - set(old))]
        changes += [f"changed {name}{new[name]}" for name in sorted(set(old) & set(new)) if old[name] != new[name]]
    return changes


def low_risk(view: DiffView, conf: GateConfig, api: list[str]) -> tuple[bool, list[str]]:
    """Whether a passing patch may be auto-merged, and why not when it may not."""
    why = []
    if view.changed_lines > conf.low_risk_max_lines:
        why.append(f"{view.changed_lines} changed lines > low_risk_max_lines={conf.low_risk_max_lines}")
    if len(view.paths) > conf.low_risk_max_files:
        why.append(f"{len(view.paths)} files > low_risk_max_files={conf.low_risk_max_files}")
    if api:
        why.append("public API changes: " + "; ".join(api[:10]))
    return not why, why
