from gray import from_gray, to_gray


def test_to_gray():
    assert [to_gray(i) for i in range(4)] == [0, 1, 3, 2]


def test_zero_and_one():
    assert from_gray(0) == 0
    assert from_gray(1) == 1


def test_round_trip():
    for n in range(8):
        assert from_gray(to_gray(n)) == n
