from meter import recorded, total


def test_total():
    assert total([1.5, 2.5]) == 4.0


def test_gaps():
    assert total([1.0, None, 2.0]) == 3.0


def test_recorded():
    assert recorded([None, 1.0]) == 1
