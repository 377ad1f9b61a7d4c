"""Parsed records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    name: str
    quantity: int
    price: float

    @property
    def total(self) -> float:
        return round(self.quantity * self.price, 2)
