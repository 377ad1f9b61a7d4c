from islands import count_islands


def test_all_water():
    assert count_islands([[0, 0], [0, 0]]) == 0


def test_one_cell():
    assert count_islands([[1]]) == 1


def test_two_islands():
    assert count_islands([[1, 0, 0], [0, 0, 1], [0, 0, 1]]) == 2


def test_ring():
    assert count_islands([[1, 1, 1], [1, 0, 1], [1, 1, 1]]) == 1
