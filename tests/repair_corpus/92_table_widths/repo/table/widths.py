"""Column widths."""

from __future__ import annotations


def column_widths(rows: list[list[object]]) -> list[int]:
    """The widest cell (as text) of every column."""
    if not rows:
        return []
    return [max(str(row[i]) for row in rows) for i in range(len(rows[0]))]
