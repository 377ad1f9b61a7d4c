"""Low-risk classification for phase 4: a small diff that changes no public API (read with griffe), removes
no check (``raise``/``assert``) nor changes when one fires (its condition, the ``if`` tests around it), gives
the code no new reach (network, processes, threads) and changes no state beyond a call's result (a caller's
argument, module state, the process's settings at import: ``analysis.effects``)."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

import griffe

from agentfleet.analysis import effects, is_test_file, module_name
from agentfleet.analysis.handed_on import changed_parameters
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


def _guarded(node: ast.AST, guards: tuple[str, ...] = ()) -> Iterator[str]:
    """Each ``raise``/``assert`` under ``node`` with the conditions it fires under (the tests of the ``if`` and
    ``while`` statements around it, negated in their ``else``), so a loosened or disabled guard reads as a
    check that is gone: ``if not 0 <= d < 1: raise`` → ``if not 0 <= d < 10: raise``."""
    if isinstance(node, ast.Raise | ast.Assert):
        yield " and ".join([*guards, ast.unparse(node)])
        return
    if isinstance(node, ast.If | ast.While):
        test = ast.unparse(node.test)
        for stmt in node.body:
            yield from _guarded(stmt, (*guards, test))
        for stmt in node.orelse:
            yield from _guarded(stmt, (*guards, f"not ({test})"))
        return
    for child in ast.iter_child_nodes(node):
        yield from _guarded(child, guards)


def _shape(text: str | None) -> tuple[Counter[str], set[str]]:
    """The ``raise``/``assert`` statements with their guards, and the top-level modules ``text`` imports."""
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return Counter(), set()
    checks = Counter(_guarded(tree))
    imports = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imports |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}
    return checks, imports


def _mutating(sources: Mapping[str, str | None]) -> dict[str, frozenset[int]]:
    """``module.function`` → the parameters it changes, for the functions of ``sources`` (path → text)."""
    found: dict[str, frozenset[int]] = {}
    for path, text in sources.items():
        if path.endswith(".py") and (module := module_name(path)):
            found |= changed_parameters(module, text)
    return found


def behaviour_risks(
    before: dict[str, str | None], after: dict[str, str | None], imported: Mapping[str, str] | None = None
) -> list[str]:
    """Why a passing patch still needs a human: it removes checks from code or changes when they fire (what the
    tests do not cover they cannot defend), gives code new reach (network, processes, threads) or changes state
    beyond a call's result (an argument emptied, a module-level list that grows, the decimal context or the
    warnings filters changed at import) that no test observes; also through a function of ``imported`` (path → text
    of the modules the patch imports without changing) that changes what it is passed."""
    risks = []
    mutating = _mutating({**(imported or {}), **after})
    for path in sorted(set(before) | set(after)):
        if not path.endswith(".py") or is_test_file(path):
            continue
        (old_checks, old_imports), (new_checks, new_imports) = _shape(before.get(path)), _shape(after.get(path))
        if after.get(path) is not None and (gone := old_checks - new_checks):
            risks.append(f"{path}: removes {gone.total()} raise/assert statement(s) or changes when they fire")
        if reach := sorted((new_imports - old_imports) & _REACH):
            risks.append(f"{path}: new import of {', '.join(reach)} (network, processes or threads)")
        if after.get(path) is not None and (
            changed := effects(after.get(path), mutating) - effects(before.get(path), mutating)
        ):
            shown = ", ".join(f"`{e}`" for e in sorted(changed)[:3])
            risks.append(
                f"{path}: changes state beyond a call's result ({shown}): a caller's argument, module or"
                " process state, which no test of the result observes"
            )
    return risks
