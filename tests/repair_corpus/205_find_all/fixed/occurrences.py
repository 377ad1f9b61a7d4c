"""Every occurrence of a pattern in a text."""


def find_all(text: str, pattern: str) -> list[int]:
    """The start of every (possibly overlapping) occurrence of the non-empty ``pattern`` in ``text``."""
    hits = []
    for i in range(len(text) - len(pattern) + 1):
        if text[i : i + len(pattern)] == pattern:
            hits.append(i)
    return hits
