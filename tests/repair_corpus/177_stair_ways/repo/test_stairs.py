from stairs import stair_ways


def test_zero():
    assert stair_ways(0) == 1


def test_one():
    assert stair_ways(1) == 1


def test_four():
    assert stair_ways(4) == 5
