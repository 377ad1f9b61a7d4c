"""De-duplication helpers that keep the first occurrence."""


def unique_words(words: list[str]) -> list[str]:
    """Words in first-seen order, compared case-insensitively."""
    seen: set[str] = set()
    out = []
    for word in words:
        key = word.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(word)
    return out


def unique_ids(ids: list[int]) -> list[int]:
    """Ids in first-seen order."""
    seen: set[int] = set()
    out = []
    for ident in ids:
        if ident in seen:
            continue
        out.append(ident)
    return out
