"""A repository's public API at one commit, read statically with griffe (nothing is imported or run).

``load_surface`` walks the public modules of the configured (or found) packages; re-exports through
``__init__`` are followed as aliases to the object they name, so ``pkg.fetch`` and
``pkg._impl.core.fetch`` are one symbol, known by every path that reaches it. A name the API reference documents
(``documented``: ``.. autoclass:: pkg.mod.Formatter``) is public though ``__all__`` leaves it out.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import griffe

from agentfleet.flow.monitors.docs_drift import bindings
from agentfleet.flow.monitors.docs_drift.not_api import not_api

__all__ = ["Param", "Surface", "Symbol", "canonical", "load_surface", "quiet_griffe"]

log = logging.getLogger(__name__)

_VARIADIC = {"variadic positional", "variadic keyword"}
_SELF = {"self", "cls", "mcs", "metacls"}


@dataclass(frozen=True)
class Param:
    """One parameter as written: name, kind (griffe's ``ParameterKind`` value), annotation and default."""

    name: str
    kind: str
    annotation: str | None
    default: str | None

    @property
    def required(self) -> bool:
        """No default and not ``*args``/``**kwargs``."""
        return self.default is None and self.kind not in _VARIADIC

    def render(self) -> str:
        """``name: type = default`` (``*args``, ``**kwargs`` for variadics)."""
        star = "*" if self.kind == "variadic positional" else "**" if self.kind == "variadic keyword" else ""
        text = star + self.name + (f": {self.annotation}" if self.annotation else "")
        if self.default is not None and not star:
            text += f" = {self.default}" if self.annotation else f"={self.default}"
        return text


@dataclass
class Symbol:
    """One public object: where it is defined, its signature and its docstring."""

    path: str
    """The shortest public dotted path that reaches it."""
    canonical: str
    kind: str
    """``function``, ``class``, ``attribute`` or ``module``."""
    file: str
    """Repository-relative file that defines it."""
    line: int
    obj: griffe.Object
    params: tuple[Param, ...] = ()
    returns: str | None = None
    names: set[str] = field(default_factory=set)
    """Every dotted path that reaches it (public or not)."""

    @property
    def name(self) -> str:
        """The last part of its public path."""
        return self.path.rpartition(".")[2]

    @property
    def docstring(self) -> str | None:
        """Its docstring's cleaned text, if any."""
        return self.obj.docstring.value if self.obj.docstring else None

    def signature(self) -> str:
        """``name(a, b=1, *, c) -> T`` for callables, ``name: T`` otherwise."""
        if self.kind not in {"function", "class"}:
            return f"{self.name}: {self.returns}" if self.returns else self.name
        parts: list[str] = []
        for before, param in zip((None, *self.params), self.params, strict=False):
            if param.kind == "keyword-only" and (before is None or before.kind not in {"keyword-only", *_VARIADIC}):
                parts.append("*")
            parts.append(param.render())
            if param.kind == "positional-only" and param is self.params[-1]:
                parts.append("/")
        positional_only = [i for i, p in enumerate(self.params) if p.kind == "positional-only"]
        if positional_only and positional_only[-1] + 1 < len(self.params):
            parts.insert(positional_only[-1] + 1, "/")
        tail = f" -> {self.returns}" if self.returns and self.kind == "function" else ""
        return f"{self.name}({', '.join(parts)}){tail}"


@dataclass
class Surface:
    """Public symbols by path, with the problems met while reading them."""

    symbols: dict[str, Symbol] = field(default_factory=dict)
    by_name: dict[str, Symbol] = field(default_factory=dict)
    """Every dotted path (public or not) → its symbol."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(file, message): what could not be read statically."""
    packages: tuple[str, ...] = ()
    roots: dict[str, griffe.Object] = field(default_factory=dict)
    """Each loaded package's griffe object (for ``griffe.find_breaking_changes``)."""
    files: set[str] = field(default_factory=set)
    """Repository-relative files of every module griffe loaded (a file that does not parse is missing)."""

    def find(self, name: str) -> Symbol | None:
        """The symbol a dotted path names, through any alias (a member of a class reached by another name too)."""
        found = self.by_name.get(name)
        if found is None and "." in name:
            owner_name, _, member = name.rpartition(".")
            owner = self.find(owner_name)
            if owner is not None and owner.kind == "class":
                return self.by_name.get(f"{owner.canonical}.{member}")
        return found


def canonical(expression: str) -> str:
    """``expression`` as ``ast.unparse`` writes it, so a reformat (quotes, spacing) is no change."""
    try:
        return ast.unparse(ast.parse(expression, mode="eval"))
    except (SyntaxError, ValueError, RecursionError):
        return expression


def _params(obj: griffe.Object) -> tuple[Param, ...]:
    params = list(getattr(obj, "parameters", ()) or ())
    is_method = obj.parent is not None and obj.parent.is_class and obj.is_function
    if (obj.is_class or is_method) and "staticmethod" not in obj.labels and params and params[0].name in _SELF:
        params = params[1:]
    kinds = [p.kind.value if p.kind else "positional or keyword" for p in params]
    return tuple(
        Param(
            p.name,
            kind,
            str(p.annotation) if p.annotation is not None else None,
            canonical(str(p.default)) if p.default is not None and kind not in _VARIADIC else None,  # griffe: `{}`
        )
        for p, kind in zip(params, kinds, strict=True)
    )


def _symbol(path: str, obj: griffe.Object, root: Path) -> Symbol:
    filepath = obj.filepath if isinstance(obj.filepath, Path) else None
    try:
        file = str(Path(filepath).relative_to(root)) if filepath else ""
    except ValueError:
        file = ""
    returns = obj.returns if obj.is_function else getattr(obj, "annotation", None)  # type: ignore[attr-defined]
    return Symbol(
        path=path,
        canonical=obj.canonical_path,
        kind=obj.kind.value,
        file=file,
        line=obj.lineno or 0,
        obj=obj,
        params=_params(obj) if obj.is_function or obj.is_class else (),
        returns=str(returns) if returns is not None else None,
        names={path, obj.canonical_path},
    )


class _Walker:
    """Walks public modules and classes once each, following aliases into the loaded packages."""

    def __init__(self, surface: Surface, root: Path, shadowed: bindings.ShadowedSubmodules, documented: set[str]):
        self.surface = surface
        self.root = root
        self.packages = surface.packages
        self.shadowed = shadowed
        self.documented = documented
        self.seen: set[tuple[str, str]] = set()

    def _ours(self, canonical: str) -> bool:
        return any(canonical == p or canonical.startswith(p + ".") for p in self.packages)

    def _exported(self, module: griffe.Object, member: griffe.Object | griffe.Alias) -> bool:
        if member.is_public or f"{module.path}.{member.name}" in self.documented:
            return True
        # ``from ._impl import fetch`` in a package ``__init__`` without ``__all__``: a re-export.
        is_init = module.is_module and isinstance(module.filepath, Path) and module.filepath.name == "__init__.py"
        return bool(member.is_alias and is_init and not module.exports and not member.name.startswith("_"))

    def _target(self, member: griffe.Object | griffe.Alias) -> griffe.Object | None:
        if not member.is_alias:
            return bindings.assigned_class(member) or member  # type: ignore[arg-type,return-value]
        try:
            target = member.final_target  # type: ignore[union-attr]
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            return None  # names something outside the loaded packages (a third-party re-export)
        return (bindings.assigned_class(target) or target) if self._ours(target.canonical_path) else None

    def _record(self, path: str, obj: griffe.Object) -> Symbol:
        known = self.surface.by_name.get(obj.canonical_path)
        if known is None:
            known = _symbol(path, obj, self.root)
            self.surface.by_name[obj.canonical_path] = known
        elif (len(path), path) < (len(known.path), known.path):
            self.surface.symbols.pop(known.path, None)
            known.path = path
        known.names.add(path)
        self.surface.by_name[path] = known
        self.surface.symbols[known.path] = known
        return known

    def walk(self, container: griffe.Object, prefix: str) -> None:
        """Record ``container``'s public members under ``prefix`` and descend into classes and modules."""
        deleted = bindings.deleted_names(container) if container.is_module else set()
        if container.is_module:
            self._dynamic(container)
        for name, member in list(container.members.items()):
            if container.is_class and name.startswith("_") and name != "__call__" or name in deleted:
                continue
            if container.is_module and not self._exported(container, member):
                continue
            obj = self._target(member)
            if obj is None or obj.is_alias or not_api(name, obj):
                continue
            path = f"{prefix}.{name}"
            symbol = self._record(path, self.shadowed.shadowing(container, name) or obj)
            if (obj.is_class or obj.is_module) and (obj.canonical_path, path) not in self.seen:
                self.seen.add((obj.canonical_path, path))
                if symbol.path == path or symbol.obj is not obj:
                    self.walk(obj, path)

    def _dynamic(self, module: griffe.Object) -> None:
        file = _symbol(module.path, module, self.root).file
        for name in sorted(str(n) for n in module.exports or ()):
            if name not in module.members and not (name.startswith("__") and name.endswith("__")):
                self.surface.problems.append(
                    (file, f"{module.path}.__all__ lists {name!r}, which is not defined statically: not checked")
                )
        if "__getattr__" in module.members and module.members["__getattr__"].is_function:
            self.surface.problems.append(
                (file, f"{module.path} defines __getattr__: the names it serves dynamically are not checked")
            )


def _module_files(module: griffe.Object, root: Path, into: set[str]) -> None:
    if isinstance(module.filepath, Path) and module.filepath.is_relative_to(root):
        into.add(str(module.filepath.relative_to(root)))
    for member in (m for m in module.members.values() if not m.is_alias and m.is_module):
        _module_files(member, root, into)  # type: ignore[arg-type]


def load_surface(root: Path, packages: Iterable[str], documented: Iterable[str] = ()) -> Surface:
    """The public API of ``packages`` found under ``root`` (or ``root/src``), read statically; ``documented``:
    dotted paths the docs' API reference names."""
    with quiet_griffe():
        return _load(root, tuple(packages), set(documented))


@contextmanager
def quiet_griffe() -> Iterator[None]:
    """griffe logs (as errors) each annotation it cannot resolve: a repository's typing is not ours to report."""
    logger = logging.getLogger("griffe")
    level = logger.level
    logger.setLevel(max(level, logging.CRITICAL))
    try:
        yield
    finally:
        logger.setLevel(level)


def _load(root: Path, names: tuple[str, ...], documented: set[str]) -> Surface:
    surface = Surface(packages=names)
    shadowed = bindings.ShadowedSubmodules()
    loader = griffe.GriffeLoader(
        search_paths=[root / "src", root],
        allow_inspection=False,
        store_source=True,
        docstring_parser=None,
        extensions=griffe.load_extensions(bindings.SelfAssignments(), shadowed),
    )
    loaded: list[griffe.Object] = []
    for name in names:
        try:
            obj = loader.load(name, try_relative_path=False)
        except Exception as exc:  # griffe meets arbitrary code: a package it cannot read is reported, not fatal
            surface.problems.append(("", f"package {name!r} cannot be read statically ({exc}): not checked"))
            continue
        loaded.append(obj)  # type: ignore[arg-type]
        surface.roots[name] = obj  # type: ignore[assignment]
    loader.resolve_aliases(implicit=False, external=False)
    for obj in loaded:
        _module_files(obj, root, surface.files)
    walker = _Walker(surface, root, shadowed, documented)
    for obj in loaded:
        symbol = walker._record(obj.path, obj)
        if symbol.kind == "module":
            walker.walk(obj, obj.path)
    return surface
