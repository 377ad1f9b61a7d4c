from collatz import collatz_steps


def test_one():
    assert collatz_steps(1) == 0


def test_two():
    assert collatz_steps(2) == 1


def test_six():
    assert collatz_steps(6) == 8


def test_twenty_seven():
    assert collatz_steps(27) == 111
