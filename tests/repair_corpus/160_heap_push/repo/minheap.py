"""A binary min-heap in a list."""


def heap_push(heap: list[int], item: int) -> None:
    """Add ``item`` to the min-heap ``heap``, keeping the heap order."""
    heap.append(item)
    i = len(heap) - 1
    while i > 0:
        parent = (i - 1) // 2
        if heap[parent] <= heap[i]:
            break
        heap[parent], heap[i] = heap[i], heap[parent]


def heap_pop(heap: list[int]) -> int:
    """Remove and return the smallest item."""
    last = heap.pop()
    if not heap:
        return last
    top, heap[0] = heap[0], last
    i = 0
    while True:
        small = i
        for child in (2 * i + 1, 2 * i + 2):
            if child < len(heap) and heap[child] < heap[small]:
                small = child
        if small == i:
            return top
        heap[small], heap[i] = heap[i], heap[small]
        i = small
