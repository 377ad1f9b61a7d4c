"""String rotations."""


def is_rotation(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` rotated (``"waterbottle"``, ``"erbottlewat"``)."""
    return len(a) == len(b) and b in a + a
