from sieve import primes_up_to


def test_small():
    assert primes_up_to(1) == []


def test_three():
    assert primes_up_to(3) == [2, 3]


def test_thirty():
    assert primes_up_to(30) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
