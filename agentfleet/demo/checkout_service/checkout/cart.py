"""A cart: lines of SKU, unit price and quantity, priced with bulk discounts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from checkout.pricing import bulk_discount

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Line:
    """One SKU in a cart."""

    sku: str
    unit_price: Decimal
    quantity: int

    def total(self) -> Decimal:
        """Price of the line after its bulk discount, rounded to the cent."""
        gross = self.unit_price * self.quantity
        return (gross * (1 - bulk_discount(self.quantity))).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Cart:
    """The lines of one order."""

    lines: tuple[Line, ...]

    @classmethod
    def from_order(cls, order: dict) -> Cart:
        """A cart from an order payload: ``{"lines": [{"sku", "unit_price", "quantity"}]}``."""
        return cls(tuple(Line(i["sku"], Decimal(str(i["unit_price"])), int(i["quantity"])) for i in order["lines"]))

    def total(self) -> Decimal:
        """Sum of the line totals."""
        return sum((line.total() for line in self.lines), Decimal("0"))
