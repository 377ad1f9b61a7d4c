"""Duration formatting."""


def hms(seconds: int) -> str:
    """``H:MM:SS`` for a duration in seconds."""
    hours = seconds // 3600
    minutes = (seconds // 60) % 60
    secs = seconds % 60
    return f"{hours}:{minutes:02d}:{secs:02d}"
