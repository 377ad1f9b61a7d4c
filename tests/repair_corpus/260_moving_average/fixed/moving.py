"""Moving averages."""


def moving_average(xs: list[float], k: int) -> list[float]:
    """The mean of every run of k consecutive items, in order."""
    out = []
    for i in range(len(xs) - k + 1):
        window = xs[i:i + k]
        out.append(sum(window) / k)
    return out
