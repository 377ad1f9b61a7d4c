"""Prefixes."""


def common_prefix(words: list[str]) -> str:
    """The longest prefix every word shares."""
    if not words:
        return ""
    prefix = words[0]
    for word in words[1:]:
        while not word.startswith(prefix):
            prefix = prefix[:-1]
    return prefix
