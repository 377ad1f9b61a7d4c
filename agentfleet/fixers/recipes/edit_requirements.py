"""Upgrade a package in a requirements file in place: same lines, same layout, hashes of the new release."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agentfleet.advisories.discovery.requirements import logical_lines, split_options
from agentfleet.fixers.recipes.specifiers import replace_specifier

__all__ = ["upgrade_requirements"]

_HASH_TOKEN = re.compile(r"\s*--hash[=\s]\s*\S+")
_CONTINUATION = re.compile(r"\s*\\\s*$")


def _with_hashes(lines: list[str], hashes: Sequence[str]) -> list[str]:
    """``lines`` (one statement) with its ``--hash`` options replaced by ``hashes``, in the same layout."""
    multi_line = any(_HASH_TOKEN.search(line) for line in lines[1:])
    indent = next((re.match(r"\s*", ln)[0] for ln in lines[1:] if _HASH_TOKEN.search(ln)), "    ")  # type: ignore[index]
    kept = []
    for index, line in enumerate(lines):
        stripped = _CONTINUATION.sub("", _HASH_TOKEN.sub("", line))
        if index == 0 or stripped.strip():
            kept.append(stripped.rstrip())
    options = [f"--hash={h}" for h in hashes]
    if multi_line:
        body = kept + [indent + option for option in options]
        return [line + " \\" for line in body[:-1]] + [body[-1]]
    kept[0] = " ".join([kept[0], *options])
    return [line + " \\" for line in kept[:-1]] + [kept[-1]]


def upgrade_requirements(text: str, package: str, target: str, hashes: Sequence[str] | None) -> tuple[str, int]:
    """``(new text, statements changed)``: every declaration of ``package`` upgraded to admit ``target``.

    ``hashes`` (``sha256:…``) replace the old ``--hash`` options of a statement that had some; a statement
    with hashes when ``hashes`` is ``None`` raises ``ValueError`` (the file would no longer install).
    """
    lines = text.splitlines(keepends=False)
    changed = 0
    for statement in reversed(list(logical_lines(text))):
        requirement, old_hashes = split_options(statement.text)
        if replace_specifier(requirement, package, target) is None:
            continue
        block = lines[statement.start : statement.end]
        first = replace_specifier(block[0], package, target)
        if first is None:
            raise ValueError(f"line {statement.start + 1}: cannot edit {requirement!r} in place (split over lines)")
        block[0] = first
        if old_hashes:
            if not hashes:
                raise ValueError(f"line {statement.start + 1}: {package} {target} has no sha256 hashes on the index")
            block = _with_hashes(block, hashes)
        lines[statement.start : statement.end] = block
        changed += 1
    ending = "\n" if text.endswith("\n") else ""
    return "\n".join(lines) + ending, changed
