"""How docs name a symbol: a dotted reference matches a symbol's path on a dot boundary, and a bare name only
when it could mean nothing else. Used by the prose and example checks alike, so they agree on precision."""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass

from agentfleet.contracts import ApiChange
from agentfleet.flow.monitors.docs_drift.surface import Surface

__all__ = ["Stale", "distinctive", "stale_names", "suffix_of"]

_BUILTINS = set(dir(builtins))


def distinctive(name: str) -> bool:
    """A name that prose uses only for code: ``snake_case``, ``CamelCase`` or ``camelCase``, not a builtin."""
    return name not in _BUILTINS and bool(
        "_" in name.strip("_") or re.search(r"[a-z][A-Z]", name) or name[:1].isupper()
    )


def suffix_of(reference: str, path: str) -> int:
    """How many trailing components of ``path`` the dotted ``reference`` spells (0: it does not name it)."""
    parts, ref = path.split("."), reference.split(".")
    return len(ref) if len(ref) <= len(parts) and parts[-len(ref) :] == ref else 0


@dataclass(frozen=True)
class Stale:
    """A public path that no longer exists, and what replaces it (``None``: removed)."""

    change: ApiChange
    old: str
    new: str | None

    def replacement(self, reference: str) -> str | None:
        """``reference`` (a suffix of ``old``) rewritten for the new path, or ``None`` when removed."""
        if self.new is None:
            return None
        k = suffix_of(reference, self.old)
        return ".".join(self.new.split(".")[-k:]) if k else None

    def named_by(self, reference: str, head: Surface, *, code: bool) -> bool:
        """``reference`` names this stale path and nothing that exists now.

        A one-part reference counts when it is distinctive (or the symbol is a module-level function or class
        and ``code`` says the reference is in code), and no symbol of that name exists now."""
        k = suffix_of(reference, self.old)
        if not k or (self.new is not None and self.replacement(reference) == reference):
            return False
        if k > 1:
            return not any(suffix_of(reference, path) for path in head.symbols)
        if self.change.kind == "module":
            return False  # a module's bare name is a word, a path or a table name as often as a reference
        parent = self.old.rpartition(".")[0].rpartition(".")[2]
        module_level = self.change.kind in {"function", "class"} and parent[:1].islower()
        if not (distinctive(reference) or (code and module_level)):
            return False
        return not any(path.rpartition(".")[2] == reference for path in head.symbols)


def stale_names(changes: list[ApiChange]) -> list[Stale]:
    """Paths the changes made stale: removed symbols, and the old paths of renamed or moved ones."""
    out = []
    for change in changes:
        if change.change == "removed":
            out.append(Stale(change, change.symbol, None))
        elif change.change in {"renamed", "moved"} and change.old_symbol:
            out.append(Stale(change, change.old_symbol, change.symbol))
    return out
