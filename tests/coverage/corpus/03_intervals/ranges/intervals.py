"""Closed integer intervals: merge, intersect, subtract, total length."""

from __future__ import annotations

Interval = tuple[int, int]


def normalise(interval: Interval) -> Interval:
    start, end = interval
    return (start, end) if start <= end else (end, start)


def merge(intervals: list[Interval]) -> list[Interval]:
    ordered = sorted(normalise(i) for i in intervals)
    merged: list[Interval] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intersect(a: Interval, b: Interval) -> Interval | None:
    a, b = normalise(a), normalise(b)
    start, end = max(a[0], b[0]), min(a[1], b[1])
    if start > end:
        return None
    return (start, end)


def subtract(a: Interval, b: Interval) -> list[Interval]:
    a = normalise(a)
    cut = intersect(a, b)
    if cut is None:
        return [a]
    pieces = []
    if a[0] < cut[0]:
        pieces.append((a[0], cut[0] - 1))
    if cut[1] < a[1]:
        pieces.append((cut[1] + 1, a[1]))
    return pieces


def total_length(intervals: list[Interval]) -> int:
    return sum(end - start + 1 for start, end in merge(intervals))
