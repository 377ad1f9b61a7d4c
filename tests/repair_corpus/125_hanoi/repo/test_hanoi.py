from hanoi import hanoi


def test_no_discs():
    assert hanoi(0) == []


def test_one_disc():
    assert hanoi(1) == [("A", "C")]


def test_two_discs():
    assert hanoi(2) == [("A", "B"), ("A", "C"), ("B", "C")]
