"""First character that occurs once."""


def first_unique(text: str) -> int:
    """Index of the first character of text that occurs exactly once, or -1."""
    counts = []
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    for i, ch in enumerate(text):
        if counts[ch] == 1:
            return i
    return -1
