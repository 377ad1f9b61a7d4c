"""Longest palindromic substring by expanding around each centre."""


def _expand(s: str, lo: int, hi: int) -> str:
    """The longest palindrome of ``s`` centred between ``lo`` and ``hi``."""
    while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
        lo, hi = lo - 1, hi + 1
    return s[lo + 1:hi]


def longest_palindrome(s: str) -> str:
    """The longest palindromic substring of ``s`` (the leftmost on a tie)."""
    best = ""
    for i in range(len(s)):
        for found in (_expand(s, i, i), _expand(s, i, i + 1)):
            if len(found) > len(best):
                best = found
    return best
