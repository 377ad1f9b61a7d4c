"""Shopping cart."""

from shop.pricing import unit_price


class Cart:
    def __init__(self) -> None:
        self.lines: dict[str, tuple[float, int]] = {}

    def add(self, sku: str, price: float, quantity: int = 1) -> None:
        old = self.lines.get(sku, (price, 0))[1]
        self.lines[sku] = (price, old + quantity)

    def total(self) -> float:
        return round(sum(unit_price(p, q) * q for p, q in self.lines.values()), 2)
