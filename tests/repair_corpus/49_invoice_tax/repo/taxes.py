"""Invoice arithmetic."""


def subtotal(lines: list[dict]) -> float:
    """Sum of price x quantity over the lines."""
    return round(sum(line["price"] * line["qty"] for line in lines), 2)


def total_with_tax(lines: list[dict], rate: float) -> float:
    """Subtotal plus tax at ``rate``."""
    net = sum(line["price"] for line in lines)
    return round(net * (1 + rate), 2)
