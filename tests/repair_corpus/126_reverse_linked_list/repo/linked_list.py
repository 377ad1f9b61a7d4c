"""Singly linked lists."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Node:
    """One cell of a singly linked list."""

    value: int
    next: Node | None = None


def from_list(values: list[int]) -> Node | None:
    """A linked list holding ``values``."""
    head = None
    for value in reversed(values):
        head = Node(value, head)
    return head


def to_list(head: Node | None) -> list[int]:
    """The values of the list starting at ``head``."""
    out = []
    while head is not None:
        out.append(head.value)
        head = head.next
    return out


def reverse(head: Node | None) -> Node | None:
    """Reverse the list in place; returns the new head."""
    prev = None
    node = head
    while node is not None:
        following = node.next
        node.next = prev
        node = following
    return prev
