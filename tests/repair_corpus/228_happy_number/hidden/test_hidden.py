from happy import is_happy


def _happy(n):
    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(d) ** 2 for d in str(n))
    return n == 1


def test_hidden_range():
    for n in range(1, 200):
        assert is_happy(n) == _happy(n), n
