"""Digital root by repeated digit sums."""


def digital_root(n: int) -> int:
    """Sum the decimal digits of n until one digit is left."""
    return digital_root(sum(int(d) for d in str(n)))
