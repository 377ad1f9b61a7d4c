"""Prose docs read for checking: Markdown and reStructuredText split into code blocks and prose paragraphs,
each position kept as an offset into the file so a fix is an exact text edit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

__all__ = ["Block", "DocFile", "Paragraph", "matches", "parse_doc"]

_FENCE = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$")
_RST_DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)\.\.[ \t]+(?:code-block|code|sourcecode|testcode|doctest)::[ \t]*(?P<info>.*)$"
)
_RST_OTHER_DIRECTIVE = re.compile(r"^[ \t]*\.\.[ \t]+(?P<name>[\w:-]+)::")
_NAME_LISTS = {"toctree", "include", "image", "literalinclude", "raw"}
"""Directives whose body is neither prose nor code (page names, paths, markup): not read at all."""
_PROMPT = re.compile(r"^(>>> ?|\.\.\. ?)")
_PYTHON = {"python", "py", "python3", "pycon", "pyi", "ipython", "doctest", "testcode"}


@dataclass
class Block:
    """One code block: its language, its code, and where each of its lines starts in the file."""

    lang: str
    info: str
    code: str
    starts: list[int]
    """File offset of each code line's first character (after the indentation and prompt removed)."""
    line: int
    """1-based file line of the first code line."""
    doctest: bool = False
    """Written as an interactive session (``>>>`` prompts)."""
    raw: str = ""
    """The block as written (indentation removed, prompts and expected output kept)."""

    @property
    def python(self) -> bool:
        """A block the checks parse as Python: labelled so, or an interactive session."""
        return self.lang in _PYTHON or self.doctest

    def offset(self, lineno: int, col: int) -> int:
        """File offset of (1-based line, character column) inside the block's code."""
        return self.starts[lineno - 1] + col


@dataclass
class Paragraph:
    """Prose between blank lines (outside code blocks), with its file offset."""

    text: str
    start: int


@dataclass
class DocFile:
    """A doc file split for checking."""

    path: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)


def matches(path: str, patterns: list[str]) -> bool:
    """``path`` matches a doc glob: ``**/`` spans zero or more directories; a pattern without ``/`` matches at the
    repository root only."""
    for pattern in patterns:
        if "/" not in pattern:
            if "/" not in path and fnmatchcase(path, pattern):
                return True
        elif fnmatchcase(path, pattern) or fnmatchcase(path, pattern.replace("**/", "")):
            return True
    return False


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        out.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return out


def _block(lang: str, info: str, body: list[tuple[int, str]], strip: int) -> Block:
    doctest = any(_PROMPT.match(line[strip:].lstrip()) and line[strip:].lstrip().startswith(">>>") for _, line in body)
    code, starts = [], []
    for offset, line in body:
        cut = min(strip, len(line) - len(line.lstrip()))
        rest = line[cut:]
        if doctest:
            prompt = _PROMPT.match(rest)
            if not prompt:
                continue  # expected output of an interactive session
            cut += len(prompt.group(0))
            rest = rest[len(prompt.group(0)) :]
        code.append(rest)
        starts.append(offset + cut)
    raw = "\n".join(line[min(strip, len(line) - len(line.lstrip())) :] for _, line in body)
    return Block(
        lang=lang, info=info, code="\n".join(code) + "\n", starts=starts, line=0, doctest=doctest, raw=raw + "\n"
    )


def _markdown(doc: DocFile, lines: list[tuple[int, str]]) -> list[int]:
    """Fenced blocks of a Markdown file; returns the indexes of lines inside them."""
    used: list[int] = []
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i][1])
        if not opening:
            i += 1
            continue
        fence, info = opening["fence"], opening["info"].strip()
        j = i + 1
        while j < len(lines) and not lines[j][1].lstrip().startswith(fence):
            j += 1
        lang = info.split()[0].lower().strip("{}.") if info else ""
        doc.blocks.append(_block(lang, info, lines[i + 1 : j], len(opening["indent"])))
        used += range(i, min(j + 1, len(lines)))
        i = j + 1
    return used


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _rst_extent(lines: list[tuple[int, str]], i: int, nested: bool) -> tuple[int, int]:
    """(first, end) line indexes of the block opened at line ``i``: an indented body, or a bare session."""
    if not nested:
        j = i
        while j < len(lines) and lines[j][1].strip():
            j += 1
        return i, j
    base, first = _indent(lines[i][1]), i + 1
    while first < len(lines) and lines[first][1].lstrip().startswith(":") and _indent(lines[first][1]) > base:
        first += 1  # directive options (``:linenos:``)
    while first < len(lines) and not lines[first][1].strip():
        first += 1
    j = first
    while j < len(lines) and (not lines[j][1].strip() or _indent(lines[j][1]) > base):
        j += 1
    while j > first and not lines[j - 1][1].strip():
        j -= 1
    return first, j


def _rst(doc: DocFile, lines: list[tuple[int, str]]) -> list[int]:
    """Code directives, ``::`` literal blocks and bare ``>>>`` sessions of a reStructuredText file."""
    used: list[int] = []
    i = 0
    while i < len(lines):
        text = lines[i][1]
        directive = _RST_DIRECTIVE.match(text)
        other = None if directive else _RST_OTHER_DIRECTIVE.match(text)
        if other is not None:  # ``.. note::`` and the like: a prose body; ``.. toctree::``: page names
            end = _rst_extent(lines, i, True)[1] if other["name"] in _NAME_LISTS else i + 1
            used += range(i, max(end, i + 1))
            i = max(end, i + 1)
            continue
        literal = text.rstrip().endswith("::")
        if not directive and not literal and not text.lstrip().startswith(">>>"):
            i += 1
            continue
        first, end = _rst_extent(lines, i, bool(directive or literal))
        body = lines[first:end]
        strip = min((_indent(t) for _, t in body if t.strip()), default=0)
        lang = directive["info"].strip().lower() if directive else "" if literal else "pycon"
        doc.blocks.append(_block(lang, lang, body, strip))
        used += range(i if directive or not literal else first, max(end, i + 1))
        i = max(end, i + 1)
    return used


def parse_doc(path: str, text: str) -> DocFile:
    """``text`` of ``path`` split into code blocks and prose paragraphs (Markdown unless it ends ``.rst``)."""
    doc = DocFile(path=path, text=text)
    lines = _lines(text)
    inside = set(_rst(doc, lines) if path.endswith((".rst", ".txt")) else _markdown(doc, lines))
    for block in doc.blocks:
        block.line = text.count("\n", 0, block.starts[0]) + 1 if block.starts else 0
    chunk: list[tuple[int, str]] = []
    for index, (offset, line) in enumerate([*lines, (len(text), "")]):
        if index in inside or not line.strip():
            if chunk:
                start, last = chunk[0][0], chunk[-1]
                doc.paragraphs.append(Paragraph(text[start : last[0] + len(last[1])], start))
            chunk = []
        else:
            chunk.append((offset, line))
    return doc
