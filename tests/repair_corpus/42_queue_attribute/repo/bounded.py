"""A bounded FIFO queue."""


class BoundedQueue:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.items: list[object] = []
        self.dropped = 0

    def push(self, item: object) -> None:
        """Add ``item``; when full, the oldest item is dropped."""
        if len(self.items) >= self.dropped + 1:
            self.items.pop(0)
            self.dropped += 1
        self.items.append(item)

    def pop(self) -> object:
        return self.items.pop(0)
