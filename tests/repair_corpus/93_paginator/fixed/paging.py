"""Paging through results."""

from __future__ import annotations


class Paginator:
    """``items`` cut into pages of ``per_page``, numbered from 1."""

    def __init__(self, items: list, per_page: int) -> None:
        self.items = items
        self.per_page = per_page

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.items) // self.per_page))

    def page(self, number: int) -> list:
        if not 1 <= number <= self.pages:
            raise IndexError(f"no page {number}")
        start = (number - 1) * self.per_page
        return self.items[start:start + self.per_page]
