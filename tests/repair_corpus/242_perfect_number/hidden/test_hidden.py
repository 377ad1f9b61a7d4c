from perfect import is_perfect


def test_hidden_range():
    for n in range(0, 600):
        assert is_perfect(n) == (n in (6, 28, 496)), n
