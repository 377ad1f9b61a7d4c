from rle_encode import run_length_encode


def test_empty():
    assert run_length_encode("") == []


def test_runs():
    assert run_length_encode("aaabcc") == [("a", 3), ("b", 1), ("c", 2)]


def test_single():
    assert run_length_encode("z") == [("z", 1)]
