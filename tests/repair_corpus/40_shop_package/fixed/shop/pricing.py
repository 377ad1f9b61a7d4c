"""Price rules."""

BULK_THRESHOLD = 10
BULK_RATE = 0.9


def unit_price(base: float, quantity: int) -> float:
    """Per-unit price; bulk orders of BULK_THRESHOLD or more get BULK_RATE."""
    if quantity >= BULK_THRESHOLD:
        return round(base * BULK_RATE, 2)
    return base
