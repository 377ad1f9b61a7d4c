"""``Violation``: one place where a change breaks a rule, with a message a human can act on."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Violation"]


@dataclass(frozen=True)
class Violation:
    """A rule broken at ``path:line``.

    ``rule`` is one of ``swallowed-exception``, ``test-weakened``, ``special-case``, ``test-edited``, ``suspicious``.
    """

    rule: str
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.message}"
