"""What a characterisation test says about an exception a call raised: its class and its whole message.

A refactor that rewords an error (``"weight must be positive"`` → ``"bad weight"``) changes what callers show, log
and match on; ``pytest.raises(ValueError)`` alone passes it. The sandbox records the message of an exception a
``raise`` statement raised (``str(exc)``, when its repr reads back as a literal: no address, short; not the
interpreter's own, ``'<' not supported …``, whose wording follows the expression); the test pins it with ``match=``
anchored at both ends. A message
that differs from run to run fails the writer's stability filter, and the call's test is dropped like any other.
"""

from __future__ import annotations

import ast
import re
from typing import Any

__all__ = ["exception_name", "raises"]

_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_MAX_MESSAGE = 300


def exception_name(row: dict[str, Any], imports: list[str], key: str = "raised") -> str | None:
    """The class ``row`` names under ``key`` (what the call raised, or ``warned``) as code, its import added."""
    name, where = str(row.get(key, "")), str(row.get(f"{key}_module", ""))
    if not _DOTTED.match(name) or not _DOTTED.match(where):
        return None
    if where == "builtins":
        return name
    imports.append(f"import {where}")
    return f"{where}.{name}"


def _message(row: dict[str, Any]) -> str | None:
    """The recorded message, re-read as a literal on the host (sandbox output is never pasted as source)."""
    text = row.get("message")
    if not isinstance(text, str) or len(text) > _MAX_MESSAGE:
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) and value else None


def raises(row: dict[str, Any], imports: list[str]) -> str | None:
    """``pytest.raises(<class>, match=<the whole message>)`` for what ``row``'s call raised (no message: the class)."""
    exception = exception_name(row, imports)
    if exception is None:
        return None
    message = _message(row)
    match = "" if message is None else f", match={chr(92) + 'A' + re.escape(message) + chr(92) + 'Z'!r}"
    return f"pytest.raises({exception}{match})"
