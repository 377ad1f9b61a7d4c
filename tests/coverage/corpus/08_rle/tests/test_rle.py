from runlength.rle import rle_encode


def test_encode():
    assert rle_encode("aaab") == "3a1b"
