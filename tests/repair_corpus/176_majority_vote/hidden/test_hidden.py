import random
from collections import Counter

from majority import majority


def test_hidden_random():
    rng = random.Random(176)
    for _ in range(200):
        winner = rng.randrange(5)
        others = [rng.randrange(5) for _ in range(rng.randrange(6))]
        items = others + [winner] * (len(others) + 1)
        rng.shuffle(items)
        assert majority(items) == Counter(items).most_common(1)[0][0]
