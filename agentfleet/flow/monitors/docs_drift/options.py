"""Command-line options a package declares (argparse ``add_argument``, click/typer ``option``), read with
``ast`` from the files a range changed, and which of them were removed or renamed."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from agentfleet.contracts import ApiChange

__all__ = ["Option", "declared_options", "option_changes"]

_CALLS = {"add_argument", "option", "Option", "add_option"}


@dataclass(frozen=True)
class Option:
    """One long option and the call that declares it."""

    name: str
    file: str
    line: int
    siblings: tuple[str, ...]
    """Every long option the same call declares (aliases)."""
    help: str


def _strings(call: ast.Call) -> list[str]:
    return [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def declared_options(file: str, tree: ast.AST) -> list[Option]:
    """The long options (``--name``) declared in ``tree``."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in _CALLS:
            continue
        longs = tuple(s.split("/")[0] for s in _strings(node) if s.startswith("--") and len(s) > 2)
        help_kw = next((k.value for k in node.keywords if k.arg == "help"), None)
        text = help_kw.value if isinstance(help_kw, ast.Constant) and isinstance(help_kw.value, str) else ""
        found += [Option(o, file, node.lineno, longs, text) for o in longs]
    return found


def option_changes(old: list[Option], new: list[Option]) -> list[ApiChange]:
    """Options gone from ``old`` to ``new``: ``renamed`` when the same call (same help text, or an alias that
    survived) declares another one now, else ``removed``."""
    now = {o.name: o for o in new}
    changes = []
    for gone in (o for o in old if o.name not in now):
        twin = next((o for o in new if o.name in gone.siblings), None) or next(
            (o for o in new if gone.help and o.help == gone.help and o.name not in {x.name for x in old}), None
        )
        symbol = f"cli:{twin.name}" if twin else f"cli:{gone.name}"
        changes.append(
            ApiChange(
                symbol=symbol,
                change="renamed" if twin else "removed",
                kind="option",
                old=gone.name,
                new=twin.name if twin else "",
                old_symbol=f"cli:{gone.name}" if twin else None,
                path=(twin or gone).file,
                line=(twin or gone).line,
            )
        )
    return changes
