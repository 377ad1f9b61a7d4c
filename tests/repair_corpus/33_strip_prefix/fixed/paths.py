"""Path helpers."""


def strip_prefix(text: str, prefix: str) -> str:
    """``text`` without ``prefix`` when it starts with it."""
    if text.startswith(prefix):
        return text[len(prefix) :]
    return text


def relative(path: str, root: str) -> str:
    """``path`` relative to ``root`` (both with forward slashes)."""
    return strip_prefix(path, root.rstrip("/") + "/")
