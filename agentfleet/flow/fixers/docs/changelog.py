"""A changelog entry added where the repo keeps its next release's notes (Markdown or reStructuredText).

Under an *Unreleased* (*Upcoming*, *Next*) heading when there is one; else a new one goes before the first
release heading, at that heading's level (Markdown headings underlined with ``=`` or ``-`` as reST's are). The
first heading is the document's title only when a deeper level follows it (or, in reST, it has an overline or
another underline character): a changelog whose first heading is a release (``v5.3.3 (2024-02-26)`` then
``v5.3.2 …``, all underlined alike) has no title.
"""

from __future__ import annotations

import re

__all__ = ["add_entries"]

_MD_UNRELEASED = re.compile(r"(?im)^#{1,6}[ \t]*\[?(unreleased|upcoming|next)\b.*$")
_MD_HEADING = re.compile(r"(?m)^(#{1,6})[ \t]+\S.*$")
_MD_SETEXT = re.compile(r"(?m)^[ \t]{0,3}[^\s>|#*+-].*\n[ \t]{0,3}(?:={3,}|-{3,})[ \t]*$")
"""A line underlined with ``=`` or ``-``: a Markdown heading in reST's shape (boltons' ``CHANGELOG.md``)."""
_VERSION = re.compile(r"\d")
"""A lone heading with a digit is a release (``1.0``), without one the document's title (``Changelog``)."""
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
    if not _MD_HEADING.search(text) and _MD_SETEXT.search(text):
        return _rst(text, entries)  # underlined headings only: placed as reST titles are
    bullet = _bullet(text)
    lines = [f"{bullet} {e}" for e in entries]
    heading = _MD_UNRELEASED.search(text)
    if heading:
        return _insert_after(text, heading.end(), lines)
    headings = list(_MD_HEADING.finditer(text))
    titled = bool(headings) and (len(headings) == 1 and not _VERSION.search(headings[0][0]) or _deeper(headings))
    release = headings[1] if titled and len(headings) > 1 else None if titled else next(iter(headings), None)
    level = release[1] if release else "##"
    new = f"{level} Unreleased\n\n" + "".join(f"{line}\n" for line in lines) + "\n"
    if release:
        return text[: release.start()] + new + text[release.start() :]
    return text.rstrip("\n") + "\n\n" + new.rstrip("\n") + "\n"


def _deeper(headings: list[re.Match[str]]) -> bool:
    """The second heading is a level below the first: the first is the document's title."""
    return len(headings) > 1 and len(headings[1][1]) > len(headings[0][1])


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
    sections = titles[1:] if _rst_titled(rows, titles) else titles
    if sections:
        i = sections[0]
        char = rows[i + 1].strip()[0]
        new = f"Unreleased\n{char * 10}\n\n" + "".join(f"{line}\n" for line in lines) + "\n"
        return "".join(rows[:i]) + new + "".join(rows[i:])
    return text.rstrip("\n") + "\n\nUnreleased\n----------\n\n" + "".join(f"{line}\n" for line in lines)


def _rst_titled(rows: list[str], titles: list[int]) -> bool:
    """The first title is the document's: it has an overline, or the next title is underlined otherwise."""
    if not titles:
        return False
    first = titles[0]
    if first > 0 and _RST_UNDERLINE.match(rows[first - 1].rstrip("\r\n")):
        return True
    if len(titles) == 1:
        return not _VERSION.search(rows[first])
    return len(titles) > 1 and rows[first + 1].strip()[0] != rows[titles[1] + 1].strip()[0]


def add_entries(path: str, text: str, entries: list[str]) -> str:
    """``text`` of changelog ``path`` with ``entries`` under its unreleased section (created when missing)."""
    if not entries:
        return text
    if path.endswith((".rst", ".txt")):  # reST inline code is ``x`` (`x` is the default role, italics)
        return _rst(text, [re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", e) for e in entries])
    return _markdown(text, entries)
