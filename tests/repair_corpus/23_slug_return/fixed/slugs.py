"""URL slugs."""

import re


def slugify(title: str) -> str:
    """Lower-case words joined by dashes."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)


def unique_slug(title: str, taken: set[str]) -> str:
    """A slug not in ``taken`` (adds -2, -3, ... when needed)."""
    base = slugify(title)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
