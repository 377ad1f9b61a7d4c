"""String distances and fuzzy matching."""

from __future__ import annotations


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        previous = current
    return previous[-1]


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return round(1 - levenshtein(a, b) / max(len(a), len(b)), 3)


def closest(word: str, candidates: list[str], cutoff: float = 0.6) -> str | None:
    best, best_score = None, cutoff
    for candidate in candidates:
        score = similarity(word.lower(), candidate.lower())
        if score >= best_score:
            best, best_score = candidate, score
    return best


def hamming(a: str, b: str) -> int:
    if len(a) != len(b):
        raise ValueError("hamming distance needs strings of equal length")
    return sum(1 for x, y in zip(a, b) if x != y)
