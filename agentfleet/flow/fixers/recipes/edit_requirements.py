"""Upgrade a package in a requirements file in place: same lines, same layout, hashes of the new release."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agentfleet.advisories.discovery.requirements import logical_lines, split_options
from agentfleet.flow.fixers.recipes.specifiers import replace_specifier

__all__ = ["upgrade_requirements"]

_HASH_TOKEN = re.compile(r"\s*--hash[=\s]\s*\S+")
_CONTINUATION = re.compile(r"\s*\\\s*$")
_COMMENT = re.compile(r"\s+#.*$")


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
    comment = _COMMENT.search(kept[0])
    code, tail = (kept[0][: comment.start()], comment.group()) if comment else (kept[0], "")
    kept[0] = " ".join([code, *options]) + tail
    return [line + " \\" for line in kept[:-1]] + [kept[-1]]


def upgrade_requirements(text: str, package: str, target: str, hashes: Sequence[str] | None) -> tuple[str, int]:
    """``(new text, statements changed)``: every declaration of ``package`` upgraded to admit ``target``.

    ``hashes`` (``sha256:…``) replace the old ``--hash`` options of a statement that had some; a statement
    with hashes when ``hashes`` is ``None`` raises ``ValueError`` (the file would no longer install).
    """
    raw = text.splitlines(keepends=True)
    lines = [line.rstrip("\r\n") for line in raw]
    endings = [line[len(bare) :] for line, bare in zip(raw, lines, strict=True)]
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
        eol = endings[statement.start] or "\n"
        lines[statement.start : statement.end] = block
        endings[statement.start : statement.end] = [eol] * (len(block) - 1) + [endings[statement.end - 1]]
        changed += 1
    return "".join(line + eol for line, eol in zip(lines, endings, strict=True)), changed
