from rod import rod_cutting


def test_zero():
    assert rod_cutting([1, 5, 8, 9], 0) == 0


def test_one():
    assert rod_cutting([2, 5], 1) == 2


def test_classic():
    assert rod_cutting([1, 5, 8, 9, 10, 17, 17, 20], 8) == 22


def test_whole_piece_best():
    assert rod_cutting([1, 2, 10], 3) == 10
