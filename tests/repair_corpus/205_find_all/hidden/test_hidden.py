import random

from occurrences import find_all


def test_hidden_random():
    rng = random.Random(4)
    for _ in range(300):
        text = "".join(rng.choice("ab") for _ in range(rng.randint(0, 12)))
        pattern = "".join(rng.choice("ab") for _ in range(rng.randint(1, 3)))
        want = [i for i in range(len(text)) if text.startswith(pattern, i)]
        assert find_all(text, pattern) == want, (text, pattern)
