from decimal import Decimal

import pytest

from checkout.pricing import bulk_discount


@pytest.mark.parametrize(
    ("quantity", "rate"),
    [(0, "0"), (9, "0"), (10, "0.05"), (19, "0.05"), (25, "0.10"), (30, "0.15"), (40, "0.20"), (45, "0.20")],
)
def test_discount_tiers(quantity: int, rate: str) -> None:
    assert bulk_discount(quantity) == Decimal(rate)


def test_negative_quantities_are_refused() -> None:
    with pytest.raises(ValueError, match="quantity"):
        bulk_discount(-1)
