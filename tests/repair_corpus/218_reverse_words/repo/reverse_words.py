"""Reversing the order of words."""


def reverse_words(sentence: str) -> str:
    """The words of sentence in reverse order, separated by single spaces."""
    words = sentence.split()
    return " ".join(words)
