"""A binary min-heap in a list."""


def sift_down(h: list[int], i: int) -> None:
    """Move ``h[i]`` down until both its children are larger."""
    while True:
        left = 2 * i
        right = left + 1
        smallest = i
        if left < len(h) and h[left] < h[smallest]:
            smallest = left
        if right < len(h) and h[right] < h[smallest]:
            smallest = right
        if smallest == i:
            return
        h[i], h[smallest] = h[smallest], h[i]
        i = smallest


def heapsort(xs: list[int]) -> list[int]:
    """A sorted copy of ``xs``, by heapifying and popping the minimum."""
    h = list(xs)
    for i in reversed(range(len(h) // 2)):
        sift_down(h, i)
    out = []
    while h:
        h[0], h[-1] = h[-1], h[0]
        out.append(h.pop())
        sift_down(h, 0)
    return out
