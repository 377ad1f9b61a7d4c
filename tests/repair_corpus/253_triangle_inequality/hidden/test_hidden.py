import itertools

from triangle import is_triangle


def test_hidden_all_orders():
    for sides in itertools.product(range(0, 8), repeat=3):
        a, b, c = sides
        want = a > 0 and b > 0 and c > 0 and a + b > c and a + c > b and b + c > a
        assert is_triangle(a, b, c) == want, sides
