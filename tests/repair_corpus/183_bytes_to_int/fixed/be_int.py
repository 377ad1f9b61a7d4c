"""Unsigned big-endian integers from bytes."""


def from_bytes_be(data: bytes) -> int:
    """The unsigned big-endian integer ``data`` encodes (``b"\\x01\\x00"`` -> 256)."""
    value = 0
    for byte in data:
        value = (value << 8) + byte
    return value
