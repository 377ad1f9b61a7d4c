from streaks import longest_run


def test_hidden_runs():
    assert longest_run([4]) == 1
    assert longest_run([1, 2, 1, 2]) == 1
    assert longest_run([1, 2, 3, 3]) == 2
