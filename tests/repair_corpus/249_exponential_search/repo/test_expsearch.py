from expsearch import exponential_search


def test_empty():
    assert exponential_search([], 3) == -1


def test_first():
    assert exponential_search([2, 4, 6], 2) == 0


def test_far():
    assert exponential_search([1, 3, 5, 7, 9, 11, 13], 11) == 5


def test_missing():
    assert exponential_search([1, 3, 5, 7], 4) == -1
