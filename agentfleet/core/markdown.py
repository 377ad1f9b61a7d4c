"""Markdown for text nobody vouches for (error messages, paths from a diff, command output).

``code`` and ``fence`` put such text where markdown shows it literally: no mention, link, image or
HTML in it renders, and no backtick or newline inside can close the span early.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["cell", "code", "fence", "safe_link"]


def code(text: str) -> str:
    """``text`` on one line as an inline code span that nothing inside can break out of."""
    flat = " ".join(text.split())
    longest = max((len(m) for m in re.findall(r"`+", flat)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if longest or not flat else ""  # markdown strips one space each side; needed next to a backtick
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def cell(text: str, limit: int = 160) -> str:
    """``text`` as one inert table cell: on one line, no ``|`` that ends the cell, no HTML, about ``limit``
    characters (cut between words, marked ``…``)."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        head = flat[: limit - 1]
        flat = (head.rsplit(" ", 1)[0] if " " in head else head) + " …"
    return flat.replace("|", "\\|").replace("<", "&lt;")


def fence(text: str, lang: str = "text") -> str:
    """``text`` as a fenced block, with a fence longer than any backtick run inside."""
    ticks = "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks}{lang}\n{text.rstrip()}\n{ticks}"


def safe_link(url: str) -> str | None:
    """``<url>`` when ``url`` is a plain http(s) address that cannot turn into markup, else ``None``."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or re.search(r"[\s<>`\"'\\]", url):
        return None
    return f"<{url}>"
