from collatz import collatz_steps


def reference(n):
    k = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        k += 1
    return k


def test_hidden_range():
    for n in range(1, 400):
        assert collatz_steps(n) == reference(n), n
