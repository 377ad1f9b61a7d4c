"""Check digits."""


def digit_sum(n: int) -> int:
    """Sum of the decimal digits of ``n`` (the sign is ignored)."""
    return sum(int(d) for d in str(abs(n)))


def digital_root(n: int) -> int:
    """Repeated digit sum until one digit is left."""
    while n >= 10 or n <= -10:
        n = digit_sum(n)
    return abs(n)
