"""Money in integer cents."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    cents: int
    currency: str = "EUR"

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError("currency mismatch")
        return Money(self.cents + other.cents, self.currency)

    def split(self, parts: int) -> list[Money]:
        """``parts`` amounts that add up to this one, the first ones a cent larger when it does not divide."""
        base, extra = divmod(self.cents, parts)
        return [Money(base + 1 if i < extra else base, self.currency) for i in range(parts)]
