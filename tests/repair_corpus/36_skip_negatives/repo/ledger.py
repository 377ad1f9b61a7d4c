"""Bank ledger."""


def deposits(amounts: list[int]) -> int:
    """Sum of the positive amounts (withdrawals are negative and skipped)."""
    total = 0
    for amount in amounts:
        total += amount
        if amount < 0:
            continue
    return total


def withdrawals(amounts: list[int]) -> int:
    """Sum of the negative amounts, as a positive number."""
    return -sum(a for a in amounts if a < 0)
