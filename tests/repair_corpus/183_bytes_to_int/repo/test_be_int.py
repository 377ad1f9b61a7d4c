from be_int import from_bytes_be


def test_empty():
    assert from_bytes_be(b"") == 0


def test_zero_byte():
    assert from_bytes_be(b"\x00") == 0


def test_two_bytes():
    assert from_bytes_be(b"\x01\x02") == 258
