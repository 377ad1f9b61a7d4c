from primality import is_prime


def test_hidden_is_prime():
    for n in range(200):
        assert is_prime(n) == (n > 1 and all(n % d for d in range(2, n)))
