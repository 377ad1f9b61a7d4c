"""Product ratings."""


def average(stars: list[int]) -> float:
    """Mean star rating; a product with no ratings has 0.0."""
    if not stars:
        return 0.0
    return round(sum(stars) / len(stars), 2)


def summary(product: str, stars: list[int]) -> str:
    """One line for the product page."""
    return f"{product}: {average(stars)} ({len(stars)} ratings)"
