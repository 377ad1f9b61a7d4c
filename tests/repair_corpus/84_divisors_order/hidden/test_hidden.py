from divisor_list import divisors


def test_hidden_divisors():
    assert divisors(1) == [1]
    assert divisors(12) == [1, 2, 3, 4, 6, 12]
    assert divisors(30) == [1, 2, 3, 5, 6, 10, 15, 30]
