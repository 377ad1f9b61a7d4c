"""File name helpers."""


def extension(name: str) -> str:
    """The text after the last dot ("" when there is none)."""
    parts = name.rsplit(".", 1)
    return parts[1] if len(parts) == 2 else ""


def last_component(path: str) -> str:
    """The last component of a slash-separated path."""
    parts = [p for p in path.split("/") if p]
    return parts[-1] if parts else ""
