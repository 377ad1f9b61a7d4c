"""Durations like 1h30m."""

UNITS = {"h": 3600, "m": 60, "s": 1}


def parse_duration(text: str) -> int:
    """Seconds in a duration such as ``"1h30m"`` or ``"45s"``."""
    total = 0
    digits = ""
    for ch in text:
        if ch.isdigit():
            digits += ch
        elif ch in UNITS and digits:
            total += int(digits) * UNITS[ch]
        else:
            raise ValueError(f"bad duration: {text!r}")
    if digits:
        raise ValueError(f"missing unit: {text!r}")
    return total
