"""String rotations."""


def is_rotation(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` rotated (``"waterbottle"``, ``"erbottlewat"``)."""
    return b in a + a
