"""Run-length encoding."""


def run_length_encode(text: str) -> list[tuple[str, int]]:
    """The runs of text as (character, length) pairs."""
    runs: list[tuple[str, int]] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        runs.append((j - i, text[i]))
        i = j
    return runs
