"""A changelog entry added where the repo keeps its next release's notes (Markdown or reStructuredText)."""

from __future__ import annotations

import re

__all__ = ["add_entries"]

_MD_UNRELEASED = re.compile(r"(?im)^#{1,6}[ \t]*\[?(unreleased|upcoming|next)\b.*$")
_MD_SECTION = re.compile(r"(?m)^#{2,6}[ \t]+\S.*$")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}[ \t]*$")


def _bullet(text: str) -> str:
    found = re.search(r"(?m)^([-*+])[ \t]+\S", text)
    return found.group(1) if found else "-"


def _insert_after(text: str, offset: int, lines: list[str]) -> str:
    """Insert ``lines`` after the line ending at ``offset`` (a blank line after the heading is kept)."""
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end + 1
    rest = text[end:]
    lead = "\n" if not rest.startswith("\n") and not re.match(r"[-*+][ \t]", rest) else ""
    if rest.startswith("\n"):
        end, rest = end + 1, rest[1:]
        lead = "\n" if not text[:end].endswith("\n\n") else ""
    block = "".join(f"{line}\n" for line in lines)
    return text[:end] + lead + block + ("" if re.match(r"[-*+][ \t]", rest) or not rest else "\n") + rest


def _markdown(text: str, entries: list[str]) -> str:
    bullet = _bullet(text)
    lines = [f"{bullet} {e}" for e in entries]
    heading = _MD_UNRELEASED.search(text)
    if heading:
        return _insert_after(text, heading.end(), lines)
    section = _MD_SECTION.search(text)
    new = "## Unreleased\n\n" + "".join(f"{line}\n" for line in lines) + "\n"
    if section:
        return text[: section.start()] + new + text[section.start() :]
    return text.rstrip("\n") + "\n\n" + new.rstrip("\n") + "\n"


def _rst(text: str, entries: list[str]) -> str:
    bullet = _bullet(text)
    lines = [f"{bullet} {e}" for e in entries]
    rows = text.splitlines(keepends=True)
    offsets = [0]
    for row in rows:
        offsets.append(offsets[-1] + len(row))
    titles = [i for i in range(len(rows) - 1) if rows[i].strip() and _RST_UNDERLINE.match(rows[i + 1].rstrip("\r\n"))]
    for i in titles:
        if re.match(r"(?i)\s*(unreleased|upcoming|next)\b", rows[i]):
            return _insert_after(text, offsets[i + 1], lines)
    sections = titles[1:] if len(titles) > 1 else titles
    if sections:
        i = sections[0]
        char = rows[i + 1].strip()[0]
        new = f"Unreleased\n{char * 10}\n\n" + "".join(f"{line}\n" for line in lines) + "\n"
        return "".join(rows[:i]) + new + "".join(rows[i:])
    return text.rstrip("\n") + "\n\nUnreleased\n----------\n\n" + "".join(f"{line}\n" for line in lines)


def add_entries(path: str, text: str, entries: list[str]) -> str:
    """``text`` of changelog ``path`` with ``entries`` under its unreleased section (created when missing)."""
    if not entries:
        return text
    return _rst(text, entries) if path.endswith((".rst", ".txt")) else _markdown(text, entries)
