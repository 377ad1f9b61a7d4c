"""Durations as clock text."""


def hms(seconds: int) -> str:
    """``seconds`` (non-negative) as ``H:MM:SS``."""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
