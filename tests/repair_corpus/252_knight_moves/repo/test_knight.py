from knight import knight_moves


def test_centre():
    assert knight_moves(8, 4, 4) == 8


def test_corner():
    assert knight_moves(8, 0, 0) == 2


def test_edge():
    assert knight_moves(8, 0, 4) == 4


def test_tiny():
    assert knight_moves(1, 0, 0) == 0
