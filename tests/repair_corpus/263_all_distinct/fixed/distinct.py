"""Are all items different?"""


def all_distinct(xs: list[int]) -> bool:
    """True when no item occurs twice."""
    seen = set()
    for x in xs:
        if x in seen:
            return False
        seen.add(x)
    return True
