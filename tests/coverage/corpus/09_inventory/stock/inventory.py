"""A warehouse inventory: receive, reserve, ship, and low-stock reports."""

from __future__ import annotations


class OutOfStock(Exception):
    """Raised when a reservation asks for more than is available."""


class Inventory:
    def __init__(self, reorder_level: int = 5) -> None:
        self.reorder_level = reorder_level
        self.on_hand: dict[str, int] = {}
        self.reserved: dict[str, int] = {}

    def receive(self, sku: str, quantity: int) -> int:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        self.on_hand[sku] = self.on_hand.get(sku, 0) + quantity
        return self.on_hand[sku]

    def available(self, sku: str) -> int:
        return self.on_hand.get(sku, 0) - self.reserved.get(sku, 0)

    def reserve(self, sku: str, quantity: int) -> int:
        if quantity > self.available(sku):
            raise OutOfStock(f"{sku}: {self.available(sku)} available, {quantity} asked")
        self.reserved[sku] = self.reserved.get(sku, 0) + quantity
        return self.available(sku)

    def ship(self, sku: str, quantity: int) -> int:
        held = self.reserved.get(sku, 0)
        if quantity > held:
            raise ValueError(f"only {held} of {sku} reserved")
        self.reserved[sku] = held - quantity
        self.on_hand[sku] -= quantity
        return self.on_hand[sku]

    def low_stock(self) -> list[str]:
        return sorted(sku for sku in self.on_hand if self.available(sku) <= self.reorder_level)
