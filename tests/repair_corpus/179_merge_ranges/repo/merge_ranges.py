"""Merging overlapping closed ranges."""


def merge_ranges(ranges: list[tuple[int, int]]) -> list[list[int]]:
    """The union of closed ``ranges`` as sorted, disjoint ``[start, end]`` pairs."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = min(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
