"""Account statements."""


def balances(opening: float, movements: list[float]) -> list[float]:
    """The balance after each movement."""
    balance = opening
    history = []
    for amount in movements:
        balance += amount
        history.append(round(balance, 2))
    return balance
