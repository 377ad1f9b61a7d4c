"""Cycle detection in a singly linked list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(eq=False)
class Node:
    value: int
    next: Node | None = None


def has_cycle(head: Node | None) -> bool:
    """Whether following ``next`` from ``head`` ever comes back to a node (tortoise and hare)."""
    slow = fast = head
    while fast is not None and fast.next is not None:
        slow = slow.next
        fast = fast.next.next
        if slow is fast:
            return True
    return False


def chain(n: int, loop_to: int | None = None) -> Node | None:
    """``n`` linked nodes; the last points back to node ``loop_to`` when given."""
    nodes = [Node(i) for i in range(n)]
    for a, b in zip(nodes, nodes[1:]):
        a.next = b
    if nodes and loop_to is not None:
        nodes[-1].next = nodes[loop_to]
    return nodes[0] if nodes else None
