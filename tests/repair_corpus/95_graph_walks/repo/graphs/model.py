"""Directed graphs as adjacency lists."""

from __future__ import annotations


class Graph:
    def __init__(self) -> None:
        self.edges: dict[str, list[str]] = {}

    def add_edge(self, a: str, b: str) -> None:
        self.edges.setdefault(a, []).append(b)
        self.edges.setdefault(b, [])
