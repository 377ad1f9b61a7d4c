"""Money amounts in integer cents: parsing, formatting, splitting, tax."""

from __future__ import annotations


def parse_amount(text: str) -> int:
    text = text.strip().replace(",", "")
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if text.startswith("$"):
        text = text[1:]
    whole, _, frac = text.partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > 2:
        raise ValueError(f"not an amount: {text!r}")
    cents = int(whole) * 100 + int(frac.ljust(2, "0") or 0)
    return -cents if negative else cents


def format_amount(cents: int, symbol: str = "$") -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    whole, rest = divmod(cents, 100)
    return f"{sign}{symbol}{whole:,}.{rest:02d}"


def split(cents: int, parts: int) -> list[int]:
    if parts <= 0:
        raise ValueError("parts must be positive")
    base, extra = divmod(cents, parts)
    return [base + 1 if i < extra else base for i in range(parts)]


def add_tax(cents: int, rate_percent: float) -> int:
    if rate_percent < 0:
        raise ValueError("tax rate cannot be negative")
    tax = cents * rate_percent / 100
    return cents + int(tax + 0.5)
