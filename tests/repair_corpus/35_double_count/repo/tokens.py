"""Token statistics."""


def count_tokens(lines: list[str]) -> int:
    """Whitespace-separated tokens over all lines, comments (#) excluded."""
    count = 0
    for line in lines:
        code = line.split("#", 1)[0]
        for _token in code.split():
            count += 1
            count += 1
    return count
