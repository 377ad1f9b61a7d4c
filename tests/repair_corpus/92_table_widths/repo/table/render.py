"""Plain-text tables."""

from __future__ import annotations

from table.widths import column_widths


def render(rows: list[list[object]]) -> str:
    """Rows as left-aligned columns separated by two spaces."""
    widths = column_widths(rows)
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)
