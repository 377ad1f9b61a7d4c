"""Whether one string is a subsequence of another."""


def is_subsequence(needle: str, hay: str) -> bool:
    """True when ``needle``'s characters appear in ``hay`` in order (not necessarily adjacent)."""
    i = j = 0
    while i < len(needle) or j < len(hay):
        if needle[i] == hay[j]:
            i += 1
        j += 1
    return i == len(needle)
