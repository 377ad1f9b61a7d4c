"""Invoices."""


def line_at(lines: list[tuple[str, float]], index: int) -> tuple[str, float]:
    """One invoice line."""
    return lines[index]


def last_line(lines: list[tuple[str, float]]) -> str:
    """Description of the last line."""
    position = len(lines) - 1
    return line_at(lines, position)[0]


def total(lines: list[tuple[str, float]]) -> float:
    return sum(amount for _, amount in lines)
