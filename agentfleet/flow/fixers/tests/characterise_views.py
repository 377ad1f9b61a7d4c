"""What a characterisation test asserts about a result the sandbox could not show as one literal.

The sandbox records a value by its repr when that reads back as a literal. A ``NamedTuple``, a ``dict`` or ``list``
subclass, or a container longer than the repr's size cap does not, and its type alone says nothing a refactor
could not keep while changing every item. For those the sandbox also records what still reads back
(``characterise_runner``): the contents as the builtin the value derives from (``tuple(result) == (1, 2)``), else
its length and its first items or pairs. Every text is re-read here as a literal and written as a host-made repr:
sandbox output never becomes source.
"""

from __future__ import annotations

import ast
from typing import Any

__all__ = ["MAX_LITERAL", "host_literal", "view_lines"]

MAX_LITERAL = 600
"""Longest literal text re-read from the sandbox."""

_PLAIN = {"tuple", "list", "dict", "frozenset", "set", "str", "bytes"}


def host_literal(text: Any) -> str | None:
    """A host-made repr of the literal ``text`` stands for (sandbox output is never pasted as source)."""
    if not isinstance(text, str) or len(text) > MAX_LITERAL:
        return None
    try:
        return repr(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def view_lines(name: str, row: dict[str, Any]) -> list[str]:
    """Assertions on ``name`` from the row's ``plain`` contents, else its ``length`` and ``head``."""
    plain = row.get("plain")
    if plain in _PLAIN and (value := host_literal(row.get("plain_value"))) is not None:
        return [f"assert {plain}({name}) == {value}"]
    length = row.get("length")
    lines = [f"assert len({name}) == {length}"] if type(length) is int else []
    head, size = host_literal(row.get("head")), row.get("head_size")
    if head is not None and type(size) is int and size > 0:
        first = f"list({name}.items())[:{size}]" if row.get("head_items") is True else f"{name}[:{size}]"
        lines.append(f"assert {first} == {head}")
    return lines
