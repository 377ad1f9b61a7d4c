from josephus import josephus


def test_alone():
    assert josephus(1, 3) == 0


def test_classic():
    assert josephus(7, 3) == 3


def test_every_second():
    assert josephus(5, 2) == 2
