"""Gaps between sorted timestamps."""


def gaps(stamps: list[int]) -> list[int]:
    """Seconds between each timestamp and the next."""
    result = []
    for i in range(len(stamps) - 1):
        result.append(stamps[i + 1] - stamps[i])
    return result


def longest_gap(stamps: list[int]) -> int:
    """The longest gap, 0 for fewer than two stamps."""
    return max(gaps(stamps), default=0)
