"""Records from comma-separated lines."""

from __future__ import annotations

from records.model import Record


def parse_line(line: str) -> Record:
    """``name,quantity,price`` as a ``Record``."""
    name, quantity, price = (field.strip() for field in line.split(","))
    return Record(name=name, quantity=int(quantity), price=price)


def parse(text: str) -> list[Record]:
    """Every non-blank line of ``text``."""
    return [parse_line(line) for line in text.splitlines() if line.strip()]
