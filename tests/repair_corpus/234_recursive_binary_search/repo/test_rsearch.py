from rsearch import search


def test_found_left():
    assert search([1, 3, 5, 7, 9], 1) == 0


def test_found_right():
    assert search([1, 3, 5, 7, 9], 9) == 4


def test_missing():
    assert search([1, 3, 5], 4) == -1


def test_empty():
    assert search([], 2) == -1
