"""One line of plain words for an API change: the changelog line, the PR table's cell, the finding's title."""

from __future__ import annotations

import re

from agentfleet.contracts import ApiChange, ParamChange

__all__ = ["describe_change"]


def _starred(name: str, signature: str) -> str:
    """``name`` as the signature writes it: ``**kwargs``, ``*args`` or plain (a catch-all is neither required nor
    defaulted)."""
    found = re.search(rf"(?<![\w*])(\*{{1,2}}){re.escape(name)}\b", signature.partition(") -> ")[0])
    return found.group(1) + name if found else name


def _param(p: ParamChange, change: ApiChange) -> str:
    if p.change == "renamed":
        return f"parameter `{p.old_name}` renamed to `{p.name}`"
    if p.change == "removed":
        return f"parameter `{_starred(p.name, change.old)}` removed"
    if p.change == "added":
        starred = _starred(p.name, change.new)
        if starred != p.name:
            return f"new parameter `{starred}`"
        return f"new parameter `{p.name}`" + (f" (default `{p.default}`)" if p.default is not None else " (required)")
    if p.change == "default":
        now = f"defaults to `{p.default}`" if p.default is not None else "is required"
        return f"`{p.name}` now {now}" + (f" (was `{p.old_default}`)" if p.old_default is not None else "")
    return f"parameter `{p.name}` changed kind"


def describe_change(change: ApiChange) -> str:
    """``pkg.fetch``: parameter ``timeout`` renamed to ``deadline``; parameter ``verify`` removed …"""
    name = change.symbol.removeprefix("cli:")
    if change.kind == "option":
        old = (change.old_symbol or "").removeprefix("cli:")
        return f"option `{old}` renamed to `{name}`" if change.change == "renamed" else f"option `{name}` removed"
    if change.change == "added":
        return f"new {change.kind} `{name}`"
    if change.change in {"removed", "deprecated"}:
        return f"{change.kind} `{name}` {change.change}"
    if change.change in {"renamed", "moved"}:
        return f"`{change.old_symbol}` {change.change} to `{name}`"
    parts = [_param(p, change) for p in change.params]
    old_ret, new_ret = change.old.rpartition(") -> ")[2], change.new.rpartition(") -> ")[2]
    if ") -> " in change.new and old_ret != new_ret:
        parts.append(f"returns `{new_ret}`" + (f" (was `{old_ret}`)" if ") -> " in change.old else ""))
    parts += [f"now raises `{e}`" for e in change.raises_added] + [
        f"no longer raises `{e}`" for e in change.raises_removed
    ]
    return f"`{name}`: " + ("; ".join(parts) or "signature changed")
