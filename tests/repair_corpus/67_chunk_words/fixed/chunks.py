"""Chunking words into lines."""


def chunk_words(words: list[str], per_line: int) -> list[str]:
    """Words joined ``per_line`` at a time."""
    lines = []
    current: list[str] = []
    for word in words:
        current.append(word)
        if len(current) == per_line:
            lines.append(" ".join(current))
            current = []
    if current:
        lines.append(" ".join(current))
    return lines
