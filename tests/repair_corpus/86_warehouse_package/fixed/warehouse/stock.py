"""Stock levels per SKU."""

from __future__ import annotations


class OutOfStock(Exception):
    """Raised when a reservation asks for more than is available."""


class Stock:
    """On-hand and reserved quantities."""

    def __init__(self) -> None:
        self.on_hand: dict[str, int] = {}
        self.reserved: dict[str, int] = {}

    def receive(self, sku: str, quantity: int) -> None:
        self.on_hand[sku] = self.on_hand.get(sku, 0) + quantity

    def available(self, sku: str) -> int:
        """What can still be reserved."""
        return self.on_hand.get(sku, 0) - self.reserved.get(sku, 0)

    def reserve(self, sku: str, quantity: int) -> None:
        if quantity > self.available(sku):
            raise OutOfStock(sku)
        self.reserved[sku] = self.reserved.get(sku, 0) + quantity
