"""A shopping cart with coupons and shipping rules."""

from __future__ import annotations


class Cart:
    def __init__(self, currency: str = "EUR") -> None:
        self.currency = currency
        self.lines: dict[str, tuple[int, int]] = {}
        self.coupon = ""

    def add(self, sku: str, unit_cents: int, quantity: int = 1) -> int:
        if quantity < 1 or unit_cents < 0:
            raise ValueError("quantity must be positive and price not negative")
        _, held = self.lines.get(sku, (unit_cents, 0))
        self.lines[sku] = (unit_cents, held + quantity)
        return held + quantity

    def remove(self, sku: str, quantity: int = 1) -> int:
        if sku not in self.lines:
            raise KeyError(sku)
        price, held = self.lines[sku]
        left = held - quantity
        if left <= 0:
            del self.lines[sku]
            return 0
        self.lines[sku] = (price, left)
        return left

    def subtotal(self) -> int:
        return sum(price * qty for price, qty in self.lines.values())

    def apply_coupon(self, code: str) -> bool:
        if code.upper() in ("SAVE10", "FREESHIP"):
            self.coupon = code.upper()
            return True
        return False

    def total(self) -> int:
        subtotal = self.subtotal()
        if self.coupon == "SAVE10":
            subtotal -= subtotal // 10
        shipping = 0 if subtotal >= 5000 or self.coupon == "FREESHIP" or not self.lines else 499
        return subtotal + shipping
