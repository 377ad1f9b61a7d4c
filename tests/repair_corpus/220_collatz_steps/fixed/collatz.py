"""Steps of the Collatz sequence."""


def collatz_steps(n: int) -> int:
    """How many steps take n to 1 (halve when even, else 3n + 1)."""
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
