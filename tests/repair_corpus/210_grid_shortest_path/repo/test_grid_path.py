from grid_path import shortest_path


def test_same_cell():
    assert shortest_path(["..", ".."], (0, 0), (0, 0)) == 0


def test_open():
    assert shortest_path(["...", "...", "..."], (0, 0), (2, 2)) == 4


def test_walls():
    assert shortest_path(["..#", "#..", "..."], (0, 0), (2, 0)) == 4


def test_blocked():
    assert shortest_path([".#", "#."], (0, 0), (1, 1)) == -1
