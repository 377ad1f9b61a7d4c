"""Exam tallies."""


def tally(scores: list[int], pass_mark: int = 50) -> dict[str, int]:
    """How many scores pass (at least ``pass_mark``) and how many fail."""
    counts = {"pass": 0, "fail": 0}
    for score in scores:
        if score >= pass_mark:
            counts["pass"] += 1
        else:
            counts["fail"] += 1
    return counts
