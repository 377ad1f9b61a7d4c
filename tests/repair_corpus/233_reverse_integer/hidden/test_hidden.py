import random

from reverse_int import reverse_integer


def test_hidden_random():
    rng = random.Random(233)
    for _ in range(300):
        n = rng.randint(-10**6, 10**6)
        want = int(str(abs(n))[::-1]) * (-1 if n < 0 else 1)
        assert reverse_integer(n) == want, n
