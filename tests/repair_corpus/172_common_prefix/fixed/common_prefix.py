"""The longest common prefix of several words."""


def common_prefix(words: list[str]) -> str:
    """The longest string every word in ``words`` starts with ("" for no words)."""
    if not words:
        return ""
    prefix = words[0]
    for word in words[1:]:
        while not word.startswith(prefix):
            prefix = prefix[:-1]
    return prefix
