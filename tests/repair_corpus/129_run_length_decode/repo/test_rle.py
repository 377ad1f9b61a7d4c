from rle import decode


def test_empty():
    assert decode("") == ""


def test_single_run():
    assert decode("4x") == "xxxx"


def test_two_runs():
    assert decode("3a2b") == "aaabb"
