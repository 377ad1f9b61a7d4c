"""The public API changes between two surfaces: griffe's breaking changes plus additions, renames and moves.

A symbol is matched across commits by any dotted path that reaches it, so a re-export that keeps working is
no change. Unmatched symbols are paired into ``moved`` (same name, other module) and ``renamed`` (same
parent, same signature and body) before the rest count as ``removed`` or ``added``; members of a removed,
added, renamed or moved class or module are not reported again on their own.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Collection, Iterable, Iterator

import griffe

from agentfleet.contracts import ApiChange, ParamChange
from agentfleet.flow.monitors.docs_drift.deprecations import is_deprecated, source_of
from agentfleet.flow.monitors.docs_drift.forwarding import base_keywords_made_explicit, forwards_old_default
from agentfleet.flow.monitors.docs_drift.publicnames import same_default, same_returns
from agentfleet.flow.monitors.docs_drift.surface import Param, Surface, Symbol, quiet_griffe
from agentfleet.flow.monitors.docs_drift.typespell import same_type

__all__ = ["api_changes", "breakage_lines", "param_changes", "respelled"]

_NOT_ADDED = {"attribute", "module"}
"""Kinds whose additions are not API changes worth a doc (their members are)."""


def _renamed(removed: Param, added: Param) -> bool:
    typed_alike = None in (removed.annotation, added.annotation) or same_type(removed.annotation, added.annotation)
    return removed.kind == added.kind and removed.default == added.default and typed_alike


def param_changes(old: tuple[Param, ...], new: tuple[Param, ...]) -> tuple[ParamChange, ...]:
    """What happened to each parameter: renamed (same place, kind and default), removed, added, re-defaulted."""
    old_names, new_names = {p.name for p in old}, {p.name for p in new}
    removed = [(i, p) for i, p in enumerate(old) if p.name not in new_names]
    added = [(i, p) for i, p in enumerate(new) if p.name not in old_names]
    changes: list[ParamChange] = []
    for index, gone in list(removed):
        twin = next(((j, p) for j, p in added if j == index and _renamed(gone, p)), None)
        if twin is not None:
            added.remove(twin)
            removed.remove((index, gone))
            p = twin[1]
            changes.append(
                ParamChange(
                    change="renamed",
                    name=p.name,
                    old_name=gone.name,
                    annotation=p.annotation,
                    default=p.default,
                    old_default=gone.default,
                )
            )
    changes += [
        ParamChange(change="removed", name=p.name, annotation=p.annotation, old_default=p.default) for _, p in removed
    ]
    changes += [ParamChange(change="added", name=p.name, annotation=p.annotation, default=p.default) for _, p in added]
    before = {p.name: p for p in old}
    for p in new:
        was = before.get(p.name)
        if was is None:
            continue
        if was.default != p.default and p.kind not in {"variadic positional", "variadic keyword"}:
            changes.append(
                ParamChange(
                    change="default", name=p.name, annotation=p.annotation, default=p.default, old_default=was.default
                )
            )
        elif was.kind != p.kind:
            changes.append(ParamChange(change="kind", name=p.name, annotation=p.annotation, default=p.default))
    return tuple(changes)


def _made_explicit(before: Symbol, params: tuple[ParamChange, ...]) -> tuple[ParamChange, ...]:
    """``params`` without the keyword parameters that ``**kwargs`` already took and the old body read by key
    (``kw.get("error")``), nor that ``**kwargs`` once every added one was such: no change for a caller (schema
    0.7.7's ``And(*args, **kw)`` → ``And(*args, error=None, ignore_extra_keys=False, schema=None)``)."""
    variadic = {p.name for p in before.params if p.kind == "variadic keyword"}
    gone = [c for c in params if c.change == "removed" and c.name in variadic]
    added = [c for c in params if c.change == "added" and c.default is not None]
    if not gone or not added:
        return params
    source = source_of(before)
    read = {c.name for c in added if re.search(rf"""["']{re.escape(c.name)}["']""", source)}
    drop = read | ({c.name for c in gone} if read == {c.name for c in params if c.change == "added"} else set())
    return tuple(c for c in params if c.name not in drop)


def _change(symbol: Symbol, change: str, *, old: Symbol | None = None, **extra: object) -> ApiChange:
    source = old if change == "removed" and old is not None else symbol
    return ApiChange(
        symbol=symbol.path,
        change=change,  # type: ignore[arg-type]
        kind=symbol.kind,
        old=old.signature() if old is not None else "",
        new="" if change == "removed" else symbol.signature(),
        path=source.file,
        line=source.line,
        **extra,  # type: ignore[arg-type]
    )


def respelled(source: str, old_name: str, new_name: str) -> str:
    """``source`` with the words that differ between the two names replaced as the rename replaced them, in each
    case (``parse_axt_heading`` → ``parse_atx_heading`` also turns ``axt_1`` and ``_AXT_TRIM`` into ``atx_1`` and
    ``_ATX_TRIM``): a typo fixed through the body is still a rename."""
    old_words, new_words = old_name.split("_"), new_name.split("_")
    if len(old_words) != len(new_words):
        return source
    for was, now in zip(old_words, new_words, strict=True):
        if was != now and was and now:
            for a, b in {(was.lower(), now.lower()), (was.upper(), now.upper()), (was.title(), now.title())}:
                source = re.sub(rf"(?<![A-Za-z0-9]){re.escape(a)}(?![A-Za-z0-9])", b, source)
    return source


def _code(symbol: Symbol, renamed_to: str = "") -> str:
    """Its code without its name, docstring and annotations: equal for a symbol that was only renamed (and
    perhaps typed or re-documented on the way; with ``renamed_to``, the words of its name respelled in the body
    as in the name); no source: never equal."""
    source = textwrap.dedent(source_of(symbol))
    if renamed_to:
        source = respelled(source, symbol.name, renamed_to)
    try:
        node = ast.parse(source).body[0]
    except (SyntaxError, IndexError):
        return ""
    for inner in ast.walk(node):
        if isinstance(inner, ast.arg):
            inner.annotation = None
        if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
            inner.returns = None
        if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inner.name = "_"
            if ast.get_docstring(inner, clean=False) is not None:
                inner.body = inner.body[1:] or [ast.Pass()]
    return ast.dump(node)


def _untyped(symbol: Symbol) -> list[tuple[str, str, str | None]]:
    return [(p.name, p.kind, p.default) for p in symbol.params]


def _same_shape(a: Symbol, b: Symbol) -> bool:
    return a.kind == b.kind and a.params == b.params and a.returns == b.returns


def _parent(path: str) -> str:
    return path.rpartition(".")[0]


def _module_level(symbol: Symbol) -> bool:
    parent = symbol.obj.parent
    return parent is None or parent.is_module


def _inherited(surface: Surface, path: str) -> bool:
    """``path`` names a class member that the class at ``surface`` has through a base class (click 8.0 moved
    ``IntRange.convert`` into a private base: still there for every caller)."""
    owner = surface.find(_parent(path))
    if owner is None or owner.kind != "class":
        return False
    try:
        return path.rpartition(".")[2] in owner.obj.all_members  # type: ignore[attr-defined]
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return False  # a base outside the package: what it holds cannot be read


def _pair(removed: list[Symbol], added: list[Symbol], new: Surface) -> Iterator[tuple[str, Symbol, Symbol]]:
    """``moved`` and ``renamed`` pairs among the unmatched symbols (each used once; a paired class or module
    carries its members along, so they are not paired again). A rename stays in its owner, which may be reached
    by its old name (``VersionInfo = Version``)."""

    def same_owner(a: Symbol, g: Symbol) -> bool:
        owner = new.find(_parent(g.path))
        return _parent(a.path) == _parent(g.path) or (owner is not None and owner is new.find(_parent(a.path)))

    carried: list[str] = []
    for gone in sorted(removed, key=lambda s: s.path.count(".")):
        if _under(gone.path, carried):
            continue
        for kind, test in (
            ("moved", lambda a, g: a.name == g.name and _same_shape(a, g) and _module_level(a) and _module_level(g)),
            (
                "renamed",
                lambda a, g: (
                    same_owner(a, g)
                    and a.kind == g.kind
                    and _untyped(a) == _untyped(g)
                    and _code(a) == _code(g, a.name) != ""
                ),
            ),
        ):
            twin = next((a for a in added if test(a, gone) and (kind == "moved" or a.kind != "attribute")), None)
            if twin is not None:
                removed.remove(gone)
                added.remove(twin)
                carried.append(gone.path)
                yield kind, gone, twin
                break


def _in(path: str, packages: set[str]) -> bool:
    """``path`` belongs to a package read at both commits (one read at one side only would look all removed)."""
    return any(path == name or path.startswith(name + ".") for name in packages)


def _under(path: str, prefixes: Iterable[str]) -> bool:
    return any(path.startswith(prefix + ".") for prefix in prefixes)


def api_changes(old: Surface, new: Surface, skip_files: Collection[str] = ()) -> list[ApiChange]:
    """Every public change from ``old`` to ``new``, one per symbol; symbols in ``skip_files`` are left out."""
    changes: list[ApiChange] = []
    removed: list[Symbol] = []
    matched: set[str] = set()
    shared = set(old.roots) & set(new.roots)
    for path, before in old.symbols.items():
        if before.file in skip_files or not _in(path, shared):
            continue
        after = new.symbols.get(path) or next((new.find(n) for n in sorted(before.names) if new.find(n)), None)
        if after is None:
            if not _inherited(new, path):
                removed.append(before)
            continue
        matched.add(after.path)
        if after.file in skip_files or before.kind != after.kind and "attribute" in {before.kind, after.kind}:
            continue
        params = _made_explicit(before, param_changes(before.params, after.params))
        params = tuple(
            c
            for c in base_keywords_made_explicit(before, params)
            if not forwards_old_default(before, after, c) and not same_default(c, before, old, after, new)
        )
        retyped = (
            after.kind == "function"
            and None not in (before.returns, after.returns)
            and not same_returns(before, old, after, new)
        )
        if params or before.kind != after.kind or retyped:
            changes.append(_change(after, "changed", old=before, params=params))
        elif is_deprecated(after) and not is_deprecated(before):
            changes.append(_change(after, "deprecated", old=before))
    added = [
        s
        for p, s in new.symbols.items()
        if p not in matched and s.file not in skip_files and _in(p, shared) and not _inherited(old, p)
    ]
    pairs = list(_pair(removed, added, new))
    covered = [g.path for _, g, _ in pairs] + [s.path for s in removed if s.kind in {"class", "module"}]
    created = [a.path for _, _, a in pairs] + [s.path for s in added if s.kind in {"class", "module"}]
    for kind, gone, twin in pairs:
        changes.append(_change(twin, kind, old=gone, old_symbol=gone.path))
    params_gone = {f"{c.symbol}.{p.name}" for c in changes for p in c.params if p.change == "removed"}
    removed = [s for s in removed if not (s.kind == "attribute" and s.path in params_gone)]  # a dataclass field
    changes += [_change(s, "removed", old=s) for s in removed if not _under(s.path, covered)]
    changes += [_change(s, "added") for s in added if s.kind not in _NOT_ADDED and not _under(s.path, created)]
    changes = [c for c in changes if not (c.change == "changed" and _under(c.symbol, created) and not c.params)]
    return sorted(changes, key=lambda c: c.symbol)


def _param_name(value: object) -> str:
    return str(getattr(value, "name", "") or "")


def breakage_lines(old: Surface, new: Surface) -> dict[str, tuple[str, ...]]:
    """griffe's breaking changes (``find_breaking_changes``) by the public path of the symbol they concern."""
    with quiet_griffe():
        return _breakages(old, new)


def _breakages(old: Surface, new: Surface) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for name in new.packages:
        before, after = old.roots.get(name), new.roots.get(name)
        if before is None or after is None:
            continue
        for breakage in griffe.find_breaking_changes(before, after):
            obj = breakage.obj
            symbol = new.find(obj.path) or new.find(obj.canonical_path) or old.find(obj.canonical_path)
            if symbol is None:
                continue
            subject = _param_name(breakage.old_value) or _param_name(breakage.new_value)
            line = breakage.kind.value + (f": {subject}" if subject else "")
            if breakage.details:
                line += f" ({breakage.details})"
            found.setdefault(symbol.path, []).append(line)
    return {path: tuple(lines) for path, lines in found.items()}
