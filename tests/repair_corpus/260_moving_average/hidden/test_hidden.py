from moving import moving_average


def test_hidden_windows():
    xs = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    for k in range(1, len(xs) + 2):
        want = [sum(xs[i:i + k]) / k for i in range(len(xs) - k + 1)]
        assert moving_average(xs, k) == want, k
