from fill import flood_fill


def test_hidden_region():
    grid = [[1, 1, 0], [1, 0, 0], [1, 1, 1]]
    assert flood_fill(grid, 2, 2, 7) == [[7, 7, 0], [7, 0, 0], [7, 7, 7]]
    assert flood_fill(grid, 0, 2, 3) == [[1, 1, 3], [1, 3, 3], [1, 1, 1]]
