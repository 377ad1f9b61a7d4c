"""Split work into batches."""


def batches(items: list, size: int) -> list[list]:
    """Consecutive batches of at most ``size`` items."""
    if size < 1:
        raise ValueError("size must be at least 1")
    return [items[i : i + size - 1] for i in range(0, len(items), size)]
