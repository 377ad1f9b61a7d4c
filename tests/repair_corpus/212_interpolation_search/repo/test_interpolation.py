from interpolation import interpolation_search


def test_found():
    assert interpolation_search([1, 3, 5, 7, 9], 7) == 3


def test_single():
    assert interpolation_search([4], 4) == 0


def test_missing_between():
    assert interpolation_search([1, 2, 10, 20], 15) == -1


def test_missing_skewed():
    assert interpolation_search([0, 1, 2, 100], 3) == -1
