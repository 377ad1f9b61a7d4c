"""Caesar cipher."""


def shift_letter(ch: str, shift: int) -> str:
    """``ch`` moved ``shift`` places along the alphabet (case kept, other characters unchanged)."""
    if not ch.isalpha():
        return ch
    base = ord("a") if ch.islower() else ord("A")
    return chr((ord(ch) - base + shift) % 26 + base)


def encode(text: str, shift: int) -> str:
    """Every letter of ``text`` shifted."""
    return "".join(shift_letter(ch, shift) for ch in text)


def decode(text: str, shift: int) -> str:
    """The inverse of ``encode``."""
    return "".join(shift_letter(ch, -shift) for ch in text)
