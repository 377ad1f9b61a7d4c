"""Human-readable summaries of records."""


def describe(obj: object, fields: list[str]) -> str:
    """``field=value`` for each of ``fields`` that ``obj`` has and is not None, comma-separated."""
    parts = []
    for name in fields:
        value = getattr(obj, name, None)
        if value is not None:
            parts.append(f"{name}={value}")
    return ", ".join(parts)
