"""A default that changed only in name: the new default is a module constant holding the old value (structlog
24.3's ``show_locals=SHOW_LOCALS`` with ``SHOW_LOCALS = True``, where 24.2 had ``show_locals=True``), or a module
function that does nothing but call the old one with its own arguments (tenacity 8.3's ``sleep=asyncio_sleep``,
whose body imports ``asyncio`` lazily and returns ``asyncio.sleep(duration)``, where 8.2 had
``sleep=asyncio.sleep``). A caller that omits the parameter gets the same behaviour: no change to document."""

from __future__ import annotations

import ast
import re
import textwrap

import griffe

from agentfleet.contracts import ParamChange
from agentfleet.flow.monitors.docs_drift.deprecations import source_of
from agentfleet.flow.monitors.docs_drift.surface import Symbol, canonical

__all__ = ["base_keywords_made_explicit", "forwards_old_default"]


def _module(symbol: Symbol) -> griffe.Object | None:
    obj = symbol.obj
    while obj is not None and not obj.is_module:
        obj = obj.parent  # type: ignore[assignment]
    return obj


def _resolve(dotted: str, module: griffe.Object | None, local: dict[str, str]) -> str:
    """``dotted`` as the full path its first name was imported from (locally first, then the module's)."""
    head, _, rest = dotted.partition(".")
    member = module.members.get(head) if module is not None else None
    target = local.get(head) or getattr(member, "target_path", None) or head
    return f"{target}.{rest}" if rest else target


def _imports(body: list[ast.stmt]) -> dict[str, str]:
    found = {}
    for node in body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.partition(".")[0]
                found[bound] = alias.name if alias.asname else bound
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
    return found


def _forwarded(function: griffe.Object, module: griffe.Object | None) -> str | None:
    """The full path of what ``function`` only forwards its arguments to, if that is all it does."""
    try:
        tree = ast.parse(textwrap.dedent(function.source))
    except (SyntaxError, ValueError, OSError):
        return None
    node = tree.body[0] if tree.body else None
    if not isinstance(node, ast.FunctionDef):
        return None
    body = [s for s in node.body if not isinstance(s, ast.Import | ast.ImportFrom | ast.Expr)]
    call = body[0].value if len(body) == 1 and isinstance(body[0], ast.Return) else None
    params = [a.arg for a in node.args.args]
    if not isinstance(call, ast.Call) or call.keywords or [ast.unparse(a) for a in call.args] != params:
        return None
    return _resolve(ast.unparse(call.func), module, _imports(node.body))


def forwards_old_default(before: Symbol, after: Symbol, change: ParamChange) -> bool:
    """``change`` is a new default that only calls the old default with its own arguments."""
    if change.change != "default" or not change.default or not change.old_default:
        return False
    new_module = _module(after)
    function = new_module.members.get(change.default) if new_module is not None else None
    if function is not None and not function.is_alias and function.is_attribute:
        value = getattr(function, "value", None)
        return value is not None and canonical(str(value)) == change.old_default
    if function is None or function.is_alias or not function.is_function:
        return False
    forwarded = _forwarded(function, new_module)  # type: ignore[arg-type]
    return forwarded is not None and forwarded == _resolve(change.old_default, _module(before), {})


def _tail(default: object) -> str | None:
    """A default without its module qualification (``tenacity.stop.stop_never`` and ``stop_never`` are one)."""
    return None if default is None else canonical(str(default)).rpartition(".")[2]


def _base_parameters(symbol: Symbol) -> dict[str, str | None]:
    """Name → default (unqualified) of the parameters of the base classes' ``__init__``."""
    found: dict[str, str | None] = {}
    for base in getattr(symbol.obj, "resolved_bases", ()):
        init = base.members.get("__init__")
        for param in getattr(init, "parameters", ()) if init is not None and not init.is_alias else ():
            found.setdefault(param.name, _tail(param.default))
    return found


def base_keywords_made_explicit(before: Symbol, params: tuple[ParamChange, ...]) -> tuple[ParamChange, ...]:
    """``params`` without a class's removed ``**kwargs`` that its ``__init__`` passed to the base class's
    (``super().__init__(**kwargs)``), nor the base's parameters it now takes explicitly with the base's defaults
    (tenacity 8.4's ``AsyncRetrying(sleep=…, stop=…, wait=…, …)``): a caller passes the same keywords as before."""
    gone = {c.name for c in params if c.change == "removed"} & {
        p.name for p in before.params if p.kind == "variadic keyword"
    }
    if before.kind != "class" or not gone:
        return params
    source = source_of(before)
    if not any(re.search(rf"super\(\)\.__init__\([^)]*\*\*{re.escape(name)}\b", source) for name in gone):
        return params
    base = _base_parameters(before)
    return tuple(
        c
        for c in params
        if c.name not in gone and not (c.change == "added" and c.name in base and base[c.name] == _tail(c.default))
    )
