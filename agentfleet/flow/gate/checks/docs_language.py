"""Docs prose in a language the page is not written in: a reader rule that needs no word list of the language.

The sync_docs reader rules name automated readers in English words; the same instruction in Spanish, German or
Russian names none of them. What every such line shares is that it is not in the page's language: few of its words
are words the page already uses, or the handful of English function words a short English page may not have used
yet (so an English page's new English sentence reads as its own language). A page written in another language
learns its own words the same way, so the rule holds for it too. Code (fenced blocks, ``>>>`` examples, indented
blocks, inline code spans, URLs) is not prose; a line of fewer than ``_MIN_WORDS`` words is too short to tell.
"""

from __future__ import annotations

import re

__all__ = ["foreign_prose"]

_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_PROSE = re.compile(r"`[^`]*`|\S+://\S+|\]\([^)]*\)")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_COMMON = frozenset(
    {"the", "an", "and", "or", "but", "not", "no", "nor", "of", "to", "in", "on", "at", "by", "for", "with"}
    | {"from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these"}
    | {"those", "you", "your", "we", "our", "they", "their", "he", "she", "his", "her", "can", "could", "will"}
    | {"would", "should", "may", "might", "must", "do", "does", "did", "have", "has", "had", "if", "then", "than"}
    | {"so", "such", "there", "here", "which", "who", "whom", "what", "when", "where", "how", "why", "all", "any"}
    | {"each", "every", "some", "more", "most", "other", "also", "only", "into", "over", "under", "about", "after"}
    | {"before", "up", "out", "off", "again", "very", "just"}
)
_DOCS_WORDS = frozenset(
    {"new", "now", "added", "removed", "renamed", "moved", "changed", "deprecated", "returns", "raises", "longer"}
    | {"parameter", "parameters", "argument", "option", "default", "value", "see", "use", "note", "example"}
)
"""English function words and the words an API change is described in (the docs fixer's changelog entries): an
English page short enough not to have used them yet still reads English as its own."""
_MIN_WORDS = 6
_SHARE = 0.1
"""Below this share of known words, a line is in another language than the page."""


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(_NOT_PROSE.sub(" ", text))]


def _code_lines(text: str) -> set[int]:
    """Line numbers (1-based) inside fenced blocks, the fences included."""
    inside, lines = False, set()
    for number, line in enumerate(text.splitlines(), 1):
        fence = bool(_FENCE.match(line))
        if inside or fence:
            lines.add(number)
        inside = inside != fence
    return lines


def foreign_prose(before: str, after: str, added: list[tuple[int, str]]) -> list[int]:
    """The numbers of the ``added`` lines (number, text of ``after``) that are prose in a language ``before`` (the
    page's text before the patch, as a reader sees it) is not written in."""
    known = _COMMON | _DOCS_WORDS | set(_words(before))
    code = _code_lines(after)
    found = []
    for number, text in added:
        if number in code or text.startswith(("    ", "\t")) or text.lstrip().startswith((">>>", "...")):
            continue
        words = _words(text)
        if len(words) >= _MIN_WORDS and sum(word in known for word in words) < _SHARE * len(words):
            found.append(number)
    return found
