"""Perishable stock."""

from dataclasses import dataclass


@dataclass
class Item:
    sku: str
    quantity: int
    expires: int
    """Day number the item expires on."""


def expired(items: list[Item], today: int) -> list[str]:
    """SKUs of items whose expiry day is before today."""
    return [item.sku for item in items if item.expires > today]


def in_stock(items: list[Item]) -> int:
    """Units on the shelf."""
    return sum(item.quantity for item in items)
