from streaks import longest_run


def test_run_at_the_end():
    assert longest_run([1, 2, 2, 3, 3, 3]) == 3


def test_run_after_a_break():
    assert longest_run([5, 5, 1, 2, 2, 2]) == 3


def test_empty():
    assert longest_run([]) == 0
