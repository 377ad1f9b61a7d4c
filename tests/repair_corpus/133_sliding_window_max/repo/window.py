"""Maximum of every window of a list."""

from collections import deque


def window_max(xs: list[int], k: int) -> list[int]:
    """The maximum of each run of ``k`` consecutive items, left to right."""
    out: list[int] = []
    dq: deque[int] = deque()
    for i, x in enumerate(xs):
        while dq and xs[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] < i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(xs[dq[0]])
    return out
