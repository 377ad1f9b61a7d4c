"""Unit conversions for the weather service."""


def c_to_f(celsius: float) -> float:
    """Degrees Fahrenheit."""
    return celsius * 9 / 5 - 32


def f_to_c(fahrenheit: float) -> float:
    """Degrees Celsius."""
    return (fahrenheit - 32) * 5 / 9


def km_to_miles(km: float) -> float:
    """Miles."""
    return km * 0.621371
