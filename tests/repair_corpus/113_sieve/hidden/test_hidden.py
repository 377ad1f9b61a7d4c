from sieve import primes_up_to


def test_hidden_sieve():
    def prime(k):
        return k > 1 and all(k % d for d in range(2, k))

    for n in range(60):
        assert primes_up_to(n) == [k for k in range(n + 1) if prime(k)]
