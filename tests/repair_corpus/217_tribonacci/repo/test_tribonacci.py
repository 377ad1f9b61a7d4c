from tribonacci import tribonacci


def test_start():
    assert [tribonacci(n) for n in range(3)] == [0, 0, 1]


def test_later():
    assert tribonacci(6) == 7


def test_ten():
    assert tribonacci(10) == 81
