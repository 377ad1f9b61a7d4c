"""Binary reflected Gray code."""


def to_gray(n: int) -> int:
    """The Gray code of ``n``."""
    return n ^ (n >> 1)


def from_gray(g: int) -> int:
    """The number whose Gray code is ``g``."""
    n = 0
    while g:
        n |= g
        g >>= 1
    return n
