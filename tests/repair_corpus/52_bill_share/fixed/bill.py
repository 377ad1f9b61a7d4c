"""Splitting a bill."""


def tip(total: float, percent: float) -> float:
    """The tip on ``total``, to the cent."""
    return round(total * percent / 100, 2)


def share(total: float, people: int, percent: float = 0.0) -> float:
    """What each of ``people`` pays, tip included, to the cent."""
    return round((total + tip(total, percent)) / people, 2)
