"""Scrubbing: take what may identify a person or a customer out of production text before a human-facing
place (a PR, an issue, a report) shows it. A leaf: regular expressions only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

__all__ = ["DEFAULT_SCRUB", "compile_pattern", "scrub"]

DEFAULT_SCRUB: dict[str, str] = {
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "quoted": r"'[^'\n]*'|\"[^\"\n]*\"",
    "number": r"\d+(?:[.,]\d+)*",
}
"""Name → pattern; a match becomes ``<name>``. In order: an email inside quotes is gone before the quotes are."""


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled (once per process)."""
    return re.compile(pattern)


def scrub(text: str, patterns: Mapping[str, str] = DEFAULT_SCRUB) -> str:
    """``text`` with every match of each pattern replaced by ``<name>``, pattern by pattern."""
    for name, pattern in patterns.items():
        text = compile_pattern(pattern).sub(f"<{name}>", text)
    return text
