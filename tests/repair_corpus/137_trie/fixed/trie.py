"""A prefix tree of words."""

from __future__ import annotations


class Node:
    """One letter's node."""

    def __init__(self) -> None:
        self.children: dict[str, Node] = {}
        self.end = False


class Trie:
    """Words stored letter by letter."""

    def __init__(self) -> None:
        self.root = Node()

    def insert(self, word: str) -> None:
        """Store ``word``."""
        node = self.root
        for ch in word:
            node = node.children.setdefault(ch, Node())
        node.end = True

    def _walk(self, text: str) -> Node | None:
        node = self.root
        for ch in text:
            if ch not in node.children:
                return None
            node = node.children[ch]
        return node

    def contains(self, word: str) -> bool:
        """Whether ``word`` was stored."""
        node = self._walk(word)
        if node is None:
            return False
        return node.end

    def has_prefix(self, prefix: str) -> bool:
        """Whether some stored word starts with ``prefix``."""
        return self._walk(prefix) is not None
