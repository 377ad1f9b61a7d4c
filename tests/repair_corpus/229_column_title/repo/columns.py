"""Spreadsheet column titles."""


def column_title(n: int) -> str:
    """The title of the n-th column, counting from 1: A ... Z, AA, AB ..."""
    letters = []
    while n > 0:
        n, rest = divmod(n, 26)
        letters.append(chr(ord("A") + rest))
    return "".join(reversed(letters))
