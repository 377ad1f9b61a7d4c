"""An event log."""


class Log:
    def __init__(self) -> None:
        self.events: list[str] = []

    def add(self, event: str) -> None:
        self.events.append(event)

    def recent(self, n: int) -> list[str]:
        """The ``n`` most recent events, oldest first."""
        if n <= 0:
            return []
        return self.events[-n:]
