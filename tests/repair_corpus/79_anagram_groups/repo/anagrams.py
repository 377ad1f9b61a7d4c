"""Anagram groups."""


def anagram_groups(words: list[str]) -> list[list[str]]:
    """Words grouped by their letters, groups in first-seen order."""
    groups: dict[str, list[str]] = {}
    for word in words:
        key = "".join(word.lower())
        groups.setdefault(key, []).append(word)
    return list(groups.values())
