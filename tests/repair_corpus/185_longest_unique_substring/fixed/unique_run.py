"""Longest substring without a repeated character (sliding window)."""


def longest_unique(text: str) -> int:
    """Length of the longest substring of ``text`` in which no character repeats."""
    last: dict[str, int] = {}
    start = best = 0
    for i, ch in enumerate(text):
        if ch in last:
            start = max(start, last[ch] + 1)
        last[ch] = i
        best = max(best, i - start + 1)
    return best
