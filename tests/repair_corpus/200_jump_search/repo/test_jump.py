from jump import jump_search


def test_first_block():
    assert jump_search([1, 3, 5, 7, 9, 11, 13, 15, 17], 3) == 1


def test_later_block():
    assert jump_search([1, 3, 5, 7, 9, 11, 13, 15, 17], 13) == 6


def test_missing():
    assert jump_search([1, 3, 5, 7, 9], 4) == -1


def test_empty():
    assert jump_search([], 4) == -1
