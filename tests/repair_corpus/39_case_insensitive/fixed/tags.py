"""Tag search."""


class TagIndex:
    def __init__(self, tags: list[str]) -> None:
        self.tags = {t.lower() for t in tags}

    def has(self, tag: str) -> bool:
        """Case-insensitive membership."""
        return tag.strip().lower() in self.tags

    def count(self) -> int:
        return len(self.tags)
