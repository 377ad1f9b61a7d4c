"""Race results."""


def fastest_first(times: dict[str, float]) -> list[str]:
    """Runner names, fastest (smallest time) first."""
    return sorted(times, key=times.get, reverse=True)


def podium(times: dict[str, float]) -> list[str]:
    """The three fastest runners."""
    return fastest_first(times)[:3]
