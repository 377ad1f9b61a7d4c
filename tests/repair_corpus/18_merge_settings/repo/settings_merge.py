"""Layered configuration."""


def merge(defaults: dict, overrides: dict) -> dict:
    """Defaults updated with overrides; nested dicts are merged too."""
    result = dict(defaults)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = defaults[key]
    return result
