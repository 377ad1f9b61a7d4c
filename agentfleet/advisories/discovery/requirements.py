"""pip requirements files: pins, ranges, extras, markers, ``--hash`` options, ``-r``/``-c`` includes.

The file level (continuations, comments, options, includes) is parsed here, keeping line numbers so the
recipe can edit a declaration in place; each requirement itself is parsed by ``packaging``.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement

from agentfleet.advisories.discovery.model import Dependency, Discovery, RepoFiles

__all__ = ["LogicalLine", "logical_lines", "parse_requirements", "split_options"]

_COMMENT = re.compile(r"(^|\s+)#.*$")
_INCLUDE = re.compile(r"^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)$")
_HASH = re.compile(r"--hash[=\s]\s*(\S+)")
_OPTION_START = re.compile(r"\s--?[a-z]")


@dataclass(frozen=True)
class LogicalLine:
    """One requirement-file statement, joined from its backslash continuations."""

    start: int
    """0-based index of its first physical line."""
    end: int
    """0-based index one past its last physical line."""
    text: str
    """Joined text with comments removed."""


def logical_lines(text: str) -> Iterator[LogicalLine]:
    """Statements of a requirements file, comments stripped, continuations joined."""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        start, parts = index, []
        while True:
            line = _COMMENT.sub("", lines[index])
            index += 1
            if line.endswith("\\") and index < len(lines):
                parts.append(line[:-1])
                continue
            parts.append(line.rstrip("\\"))
            break
        joined = " ".join(p.strip() for p in parts).strip()
        if joined:
            yield LogicalLine(start, index, joined)


def split_options(statement: str) -> tuple[str, tuple[str, ...]]:
    """``(requirement text, hashes)`` of a requirement statement with per-requirement options."""
    found = _OPTION_START.search(statement)
    requirement = statement[: found.start()].strip() if found else statement.strip()
    return requirement, tuple(_HASH.findall(statement))


def _requirement(statement: str, path: str, line: LogicalLine, kind: str, out: Discovery) -> None:
    text, hashes = split_options(statement)
    try:
        req = Requirement(text)
    except InvalidRequirement as exc:
        if not re.match(r"^(\.|/|[a-z+]+://)", text):  # local paths and bare URLs are not audited
            out.problems.append(
                f"{path}:{line.start + 1}: cannot parse requirement {text!r}: {str(exc).splitlines()[0]}"
            )
        return
    if req.url:
        return
    out.dependencies.append(
        Dependency(
            name=req.name,
            specifier=req.specifier,
            manifest=path,
            kind=kind,
            line=line.start + 1,
            hashes=hashes,
            marker=str(req.marker) if req.marker else None,
            extras=tuple(sorted(req.extras)),
        )
    )


def parse_requirements(
    files: RepoFiles, path: str, out: Discovery, *, kind: str = "requirements", seen: set[str] | None = None
) -> None:
    """Add the declarations of requirements file ``path`` (and the files it includes) to ``out``."""
    seen = set() if seen is None else seen
    path = posixpath.normpath(path)
    if path in seen:
        return
    seen.add(path)
    text = files.read(path)
    if text is None:
        out.problems.append(f"{path}: file not found (included or configured, but missing)")
        return
    out.manifests.append(path)
    for line in logical_lines(text):
        statement = line.text
        include = _INCLUDE.match(statement)
        if include:
            flag, target = include.groups()
            target = posixpath.join(posixpath.dirname(path), shlex.split(target)[0])
            sub_kind = "constraints" if flag in {"-c", "--constraint"} else kind
            parse_requirements(files, target, out, kind=sub_kind, seen=seen)
        elif statement.startswith("-"):
            continue  # -e, --index-url, --find-links, --pre, …: not a versioned declaration
        else:
            _requirement(statement, path, line, kind, out)
