"""Low-risk classification for phase 4: a small diff that changes no public API (read with griffe), removes
no check (``raise``/``assert``) and gives the code no new reach (network, processes, threads)."""

from __future__ import annotations

import ast
from pathlib import PurePosixPath

import griffe

from agentfleet.analysis import is_test_file
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView

__all__ = ["api_changes", "behaviour_risks", "low_risk"]

_REACH = frozenset(
    {"socket", "ssl", "urllib", "http", "requests", "httpx", "aiohttp", "urllib3", "ftplib", "smtplib", "telnetlib"}
    | {"subprocess", "multiprocessing", "threading", "concurrent", "pty", "webbrowser", "xmlrpc", "paramiko"}
)
"""Modules that let code reach outside the process or run beside it: new imports of them are never low-risk."""


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


def _shape(text: str | None) -> tuple[int, set[str]]:
    """The number of ``raise``/``assert`` statements and the top-level modules ``text`` imports."""
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return 0, set()
    checks = sum(isinstance(node, ast.Raise | ast.Assert) for node in ast.walk(tree))
    imports = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imports |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
    return checks, imports


def behaviour_risks(before: dict[str, str | None], after: dict[str, str | None]) -> list[str]:
    """Why a passing patch still needs a human: it removes checks from code (what the tests do not cover
    they cannot defend), or gives code new reach (network, processes, threads) that no test observes."""
    risks = []
    for path in sorted(set(before) | set(after)):
        if not path.endswith(".py") or is_test_file(path):
            continue
        (old_checks, old_imports), (new_checks, new_imports) = _shape(before.get(path)), _shape(after.get(path))
        if after.get(path) is not None and new_checks < old_checks:
            risks.append(f"{path}: removes {old_checks - new_checks} raise/assert statement(s)")
        if reach := sorted((new_imports - old_imports) & _REACH):
            risks.append(f"{path}: new import of {', '.join(reach)} (network, processes or threads)")
    return risks
