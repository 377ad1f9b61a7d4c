import math

from norm import norm


def test_hidden_vectors():
    for v in ([1.0], [1.0, 1.0], [2.0, 3.0, 6.0], [-4.0, 0.0, 3.0], [0.5, 0.5, 0.5, 0.5], [9.0, 0.0]):
        assert math.isclose(norm(v), math.sqrt(sum(x * x for x in v))), v
