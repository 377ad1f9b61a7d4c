"""Grouping: one stable fingerprint per error, whatever its line numbers or message details.

The fingerprint is the exception type plus the app's own frames (module and function, innermost
last, recursion collapsed). Line numbers move with every edit and messages carry ids, amounts and
names, so neither takes part. An event with no frames groups by its normalised message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agentfleet.contracts import Frame, stable_hash

__all__ = ["fingerprint", "is_in_app", "normalise_message"]

_VARIABLE_PARTS = (
    (re.compile(r"'[^']*'|\"[^\"]*\""), "<str>"),
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"), "<uuid>"),
    (re.compile(r"\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}\b"), "<hex>"),
    (re.compile(r"[-+]?\b\d+(?:\.\d+)?\b"), "<n>"),
)
_LIBRARY_PATH = re.compile(r"[\\/](site-packages|dist-packages|lib/python\d[\d.]*)[\\/]")


def normalise_message(text: str) -> str:
    """``text`` with quoted strings, UUIDs, hex ids and numbers replaced by placeholders."""
    for pattern, placeholder in _VARIABLE_PARTS:
        text = pattern.sub(placeholder, text)
    return " ".join(text.split())[:500]


def is_in_app(module: str | None, abs_path: str | None, include: Sequence[str] = ()) -> bool:
    """Whether a frame is the app's own code when the SDK did not say: configured module
    prefixes win; otherwise anything outside an installed-packages directory counts as the app."""
    if module and any(module == p or module.startswith(p + ".") for p in include):
        return True
    if include and module:
        return False
    return not (abs_path and _LIBRARY_PATH.search(abs_path))


def _frame_key(frame: Frame) -> str:
    where = frame.module or re.sub(r"\?.*$", "", frame.filename)
    return f"{where}:{frame.function}"


def fingerprint(exception_type: str, frames: Sequence[Frame], message: str = "") -> str:
    """``err:`` + a hash of the type and the in-app frames' ``module:function`` (innermost last)."""
    chosen = [f for f in frames if f.in_app] or list(frames)
    keys: list[str] = []
    for key in map(_frame_key, chosen):
        if not keys or keys[-1] != key:
            keys.append(key)
    parts = [exception_type or "<message>", *keys]
    if not keys:
        parts.append(normalise_message(message))
    return "err:" + stable_hash(*parts, length=32)
