"""A default that changed only in name: the new default is a module function that does nothing but call the old
one with its own arguments (tenacity 8.3's ``sleep=asyncio_sleep``, whose body imports ``asyncio`` lazily and
returns ``asyncio.sleep(duration)``, where 8.2 had ``sleep=asyncio.sleep``). A caller that omits the parameter
gets the same behaviour, so it is no change to document."""

from __future__ import annotations

import ast
import textwrap

import griffe

from agentfleet.contracts import ParamChange
from agentfleet.flow.monitors.docs_drift.surface import Symbol

__all__ = ["forwards_old_default"]


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
    if function is None or function.is_alias or not function.is_function:
        return False
    forwarded = _forwarded(function, new_module)  # type: ignore[arg-type]
    return forwarded is not None and forwarded == _resolve(change.old_default, _module(before), {})
