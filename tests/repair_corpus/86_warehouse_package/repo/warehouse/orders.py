"""Placing orders against stock."""

from __future__ import annotations

from warehouse.stock import OutOfStock, Stock


def place(stock: Stock, lines: dict[str, int]) -> bool:
    """Reserve every line or none; whether the order went through."""
    if any(qty > stock.available(sku) for sku, qty in lines.items()):
        return False
    for sku, qty in lines.items():
        stock.reserve(sku, qty)
    return True


__all__ = ["OutOfStock", "place"]
