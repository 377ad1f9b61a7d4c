"""Bulk discounts: the more units of one item, the lower its unit price."""

from decimal import Decimal

TIERS = (Decimal("0"), Decimal("0.05"), Decimal("0.10"), Decimal("0.15"), Decimal("0.20"))
"""Discount for 0-9, 10-19, 20-29, 30-39 and 40 or more units of one item."""


def bulk_discount(quantity: int) -> Decimal:
    """The discount rate for ``quantity`` units of one item."""
    if quantity < 0:
        raise ValueError(f"quantity must be >= 0, got {quantity}")
    tier = min(quantity // 10, len(TIERS) - 1)
    return TIERS[tier]
