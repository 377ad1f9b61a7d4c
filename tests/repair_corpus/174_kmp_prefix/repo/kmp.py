"""The Knuth-Morris-Pratt prefix function."""


def prefix_function(text: str) -> list[int]:
    """For each position, the length of the longest proper prefix of ``text[:i + 1]`` that is also its suffix."""
    table = [0] * len(text)
    k = 0
    for i in range(1, len(text)):
        while k > 0 and text[i] != text[k]:
            k = table[k]
        if text[i] == text[k]:
            k += 1
        table[i] = k
    return table
