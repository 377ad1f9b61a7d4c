"""Text statistics."""

VOWELS = "aeiou"


def normalise(word: str) -> str:
    """Lower case without surrounding spaces."""
    return word.strip().lower()


def vowel_count(text: str) -> int:
    """How many vowels ``text`` has, in either case."""
    return sum(1 for ch in text if ch.lower() in VOWELS)
