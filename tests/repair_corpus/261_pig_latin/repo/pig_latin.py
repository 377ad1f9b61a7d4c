"""Pig Latin."""

VOWELS = "aeiou"


def pig_latin(word: str) -> str:
    """A vowel-initial word gets "way"; otherwise its first letter moves to the end before "ay"."""
    if word[0] in VOWELS:
        return word + "way"
    return word[0] + word[1:] + "ay"


def sentence(text: str) -> str:
    """Every word of text in Pig Latin."""
    return " ".join(pig_latin(w) for w in text.split())
