"""Boyer-Moore majority vote."""


def majority(items: list[int]) -> int | None:
    """The item that occurs in more than half of ``items``, if there is one (else any item, or None when empty)."""
    candidate = None
    count = 0
    for item in items:
        if count == 0:
            candidate = item
        count += 1 if item == candidate else -1
    return count
