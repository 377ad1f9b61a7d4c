from powers import is_power_of_two


def test_one():
    assert is_power_of_two(1)


def test_sixty_four():
    assert is_power_of_two(64)


def test_six():
    assert not is_power_of_two(6)


def test_zero():
    assert not is_power_of_two(0)
