"""Text statistics."""


def counts(text: str) -> dict[str, int]:
    """How often each lower-cased word occurs."""
    table: dict[str, int] = {}
    for word in text.lower().split():
        table[word] = table.get(word, 0) + 1
    return table


def top(text: str, n: int) -> list[str]:
    """The ``n`` most frequent words."""
    table = counts(text)
    return sorted(table, key=lambda w: (-table[w], w))[:n]
