"""Run-length encoding and base-n integer codecs."""

from __future__ import annotations

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def rle_encode(text: str) -> str:
    if not text:
        return ""
    out = []
    run_char, run_len = text[0], 1
    for ch in text[1:]:
        if ch == run_char and run_len < 9:
            run_len += 1
        else:
            out.append(f"{run_len}{run_char}")
            run_char, run_len = ch, 1
    out.append(f"{run_len}{run_char}")
    return "".join(out)


def rle_decode(encoded: str) -> str:
    if len(encoded) % 2:
        raise ValueError("encoded text has an odd length")
    out = []
    for i in range(0, len(encoded), 2):
        count, ch = encoded[i], encoded[i + 1]
        if not count.isdigit() or count == "0":
            raise ValueError(f"bad run length {count!r}")
        out.append(ch * int(count))
    return "".join(out)


def to_base(number: int, base: int) -> str:
    if not 2 <= base <= 36:
        raise ValueError("base must be between 2 and 36")
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    number = abs(number)
    digits = []
    while number:
        number, rest = divmod(number, base)
        digits.append(_ALPHABET[rest])
    return sign + "".join(reversed(digits))


def from_base(text: str, base: int) -> int:
    if not 2 <= base <= 36:
        raise ValueError("base must be between 2 and 36")
    text = text.strip().lower()
    negative = text.startswith("-")
    value = 0
    for ch in text.lstrip("-"):
        digit = _ALPHABET.find(ch)
        if digit < 0 or digit >= base:
            raise ValueError(f"{ch!r} is not a base-{base} digit")
        value = value * base + digit
    return -value if negative else value
