"""HTTP status classes."""


def is_server_error(code: int) -> bool:
    """500-599."""
    return 500 <= code < 600


def is_success(code: int) -> bool:
    """200-299."""
    return 200 <= code < 300


def should_retry(code: int) -> bool:
    """Retry server errors and 429."""
    return is_server_error(code) or code == 429
