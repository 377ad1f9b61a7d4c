"""Insertion into a binary search tree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Node:
    key: int
    left: Node | None = None
    right: Node | None = None


def insert(node: Node | None, key: int) -> Node:
    """The tree rooted at node with key added (duplicates go right)."""
    if node is None:
        return Node(key)
    if key < node.key:
        node.left = insert(node.left, key)
    else:
        node.right = insert(node.right, key)
    return node


def in_order(node: Node | None) -> list[int]:
    """The keys of the tree in order."""
    if node is None:
        return []
    return in_order(node.left) + [node.key] + in_order(node.right)
