"""Where each entry of a docstring sits in its file (Google, NumPy and Sphinx styles), for exact text edits.

griffe's parsers say *what* a docstring documents; this says *where*: the offsets of each parameter, raises
and returns entry inside the file, so the fixer can rename, remove or add one and keep every other byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Entry", "Layout", "locate"]

_GOOGLE_HEADER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<title>Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Other Parameters|"
    r"Other Args|Raises|Exceptions|Returns|Return|Yields)[ \t]*:[ \t]*$",
    re.IGNORECASE,
)
_NUMPY_HEADER = re.compile(r"^(?P<indent>[ \t]*)(?P<title>[A-Z][A-Za-z ]+?)[ \t]*$")
_DASHES = re.compile(r"^[ \t]*-{3,}[ \t]*$")
_SPHINX_FIELD = re.compile(r"^(?P<indent>[ \t]*):(?P<role>\w+)(?P<args>[^:\n]*):")
_NAME = re.compile(r"\*{0,2}(?P<name>[A-Za-z_]\w*)")
_PARAM_ROLES = {"param", "parameter", "arg", "argument", "key", "keyword"}
_RAISE_ROLES = {"raises", "raise", "except", "exception"}
_RETURN_ROLES = {"returns", "return", "rtype"}


@dataclass(frozen=True)
class Entry:
    """One documented item: offsets ``[start, end)`` of its lines, and of its name."""

    role: str
    """``param``, ``type`` (a Sphinx ``:type x:`` line), ``raises`` or ``returns``."""
    name: str
    start: int
    end: int
    name_start: int
    name_end: int
    indent: str
    last_line: bool = False
    """It runs into the docstring's closing line (removing it would take the quotes too)."""


@dataclass
class Layout:
    """The entries of one docstring, and where a new parameter entry would go."""

    style: str
    entries: list[Entry] = field(default_factory=list)
    insert_at: int | None = None
    """Offset after the last parameter entry (``None``: no parameters section to add to)."""
    indent: str = ""
    """Indentation of parameter entries."""

    def find(self, role: str, name: str) -> list[Entry]:
        """Entries of ``role`` named ``name``."""
        return [e for e in self.entries if e.role == role and e.name == name]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


class _Lines:
    """The docstring's lines with their offsets in the file."""

    def __init__(self, text: str, first: int, last: int) -> None:
        all_lines = text.splitlines(keepends=True)
        offsets = [0]
        for line in all_lines:
            offsets.append(offsets[-1] + len(line))
        self.first, self.last = first - 1, min(last, len(all_lines)) - 1
        self.lines = all_lines
        self.offsets = offsets

    def span(self) -> range:
        return range(self.first + 1, self.last + 1)

    def body_end(self, start: int, deeper_than: int) -> int:
        """Index after the last line that continues the entry starting at ``start`` (trailing blanks excluded)."""
        end = start + 1
        cursor = start + 1
        while cursor <= self.last:
            line = self.lines[cursor]
            if line.strip() and (_indent(line) <= deeper_than or line.strip().startswith(('"""', "'''"))):
                break
            if line.strip():
                end = cursor + 1
            cursor += 1
        return end

    def entry(self, role: str, name: str, index: int, col: int, end_index: int) -> Entry:
        line = self.lines[index]
        return Entry(
            role=role,
            name=name,
            start=self.offsets[index],
            end=self.offsets[end_index],
            name_start=self.offsets[index] + col,
            name_end=self.offsets[index] + col + len(name),
            indent=line[: _indent(line)],
            last_line=end_index > self.last,
        )


def _google(lines: _Lines, layout: Layout) -> None:
    for i in lines.span():
        header = _GOOGLE_HEADER.match(lines.lines[i].rstrip("\r\n"))
        if not header:
            continue
        title, base = header["title"].lower(), _indent(lines.lines[i])
        role = (
            "raises"
            if title in {"raises", "exceptions"}
            else "returns"
            if title in {"returns", "return", "yields"}
            else "param"
        )
        j = i + 1
        while j <= lines.last and not lines.lines[j].strip():
            j += 1
        if j > lines.last or _indent(lines.lines[j]) <= base:
            continue
        width = _indent(lines.lines[j])
        while j <= lines.last and (not lines.lines[j].strip() or _indent(lines.lines[j]) > base):
            line = lines.lines[j]
            end = lines.body_end(j, width)
            if _indent(line) == width and line.strip():
                match = _NAME.match(line, width) if role != "returns" else None
                name = match["name"] if match else ""
                col = match.start("name") if match else width
                lines_entry = lines.entry(role, name, j, col, end)
                layout.entries.append(lines_entry)
                if role == "param":
                    layout.insert_at, layout.indent = lines_entry.end, lines_entry.indent
            j = max(end, j + 1)


def _numpy(lines: _Lines, layout: Layout) -> None:
    headers = [
        i
        for i in lines.span()
        if i + 1 <= lines.last
        and _NUMPY_HEADER.match(lines.lines[i].rstrip("\r\n"))
        and _DASHES.match(lines.lines[i + 1])
    ]
    for n, i in enumerate(headers):
        title = lines.lines[i].strip().lower()
        role = {
            "parameters": "param",
            "other parameters": "param",
            "raises": "raises",
            "returns": "returns",
            "yields": "returns",
        }.get(title)
        if role is None:
            continue
        base, stop = _indent(lines.lines[i]), headers[n + 1] if n + 1 < len(headers) else lines.last + 1
        j = i + 2
        while j < stop:
            line = lines.lines[j]
            if line.strip() and _indent(line) == base and not line.strip().startswith(('"""', "'''")):
                end = min(lines.body_end(j, base), stop)
                names = line.split(":", 1)[0] if role != "returns" else ""
                for match in _NAME.finditer(names) if names else [None]:
                    col = match.start("name") if match else base
                    entry = lines.entry(role, match["name"] if match else "", j, col, end)
                    layout.entries.append(entry)
                    if role == "param":
                        layout.insert_at, layout.indent = entry.end, entry.indent
                j = end
            else:
                j += 1


def _sphinx(lines: _Lines, layout: Layout) -> None:
    first_other: int | None = None
    for i in lines.span():
        field_match = _SPHINX_FIELD.match(lines.lines[i])
        if not field_match:
            continue
        role_name, args = field_match["role"].lower(), field_match["args"].split()
        end = lines.body_end(i, _indent(lines.lines[i]))
        name = args[-1].lstrip("*") if args else ""
        col = field_match.start("args") + field_match["args"].rfind(name) if name else field_match.start("role")
        if role_name in _PARAM_ROLES or role_name == "type":
            entry = lines.entry("param" if role_name != "type" else "type", name, i, col, end)
            layout.entries.append(entry)
            layout.insert_at, layout.indent = entry.end, entry.indent
        elif role_name in _RAISE_ROLES | _RETURN_ROLES:
            role = "raises" if role_name in _RAISE_ROLES else "returns"
            entry = lines.entry(role, name if role == "raises" else "", i, col, end)
            layout.entries.append(entry)
            if first_other is None:
                first_other = entry.start
    if layout.insert_at is None and first_other is not None:
        layout.insert_at = first_other
        layout.indent = next(e.indent for e in layout.entries if e.start == first_other)


def locate(text: str, first_line: int, last_line: int, style: str) -> Layout:
    """The entries of the docstring literal on lines ``first_line..last_line`` (1-based) of ``text``."""
    lines = _Lines(text, first_line, last_line)
    layout = Layout(style=style)
    {"google": _google, "numpy": _numpy, "sphinx": _sphinx}.get(style, _google)(lines, layout)
    return layout
