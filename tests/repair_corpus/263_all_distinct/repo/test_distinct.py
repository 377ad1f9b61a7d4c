from distinct import all_distinct


def test_empty():
    assert all_distinct([])


def test_distinct():
    assert all_distinct([3, 1, 2])


def test_repeat():
    assert not all_distinct([1, 2, 1])
