"""Word frequencies."""


def histogram(text: str) -> dict[str, int]:
    """How often each (lower-cased) word occurs in ``text``."""
    counts: dict[str, int] = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def most_common(text: str) -> str:
    """The most frequent word (the first seen on a tie)."""
    counts = histogram(text)
    return max(counts, key=lambda w: counts.get(w, 0))
