"""Name formatting."""


def join_names(first: str, last: str) -> str:
    """``First Last``."""
    return f"{first} {last}".strip()


def label(person: dict) -> str:
    """Badge label for a person record."""
    return join_names(person.get("first", ""), person.get("last", ""))


def initials(person: dict) -> str:
    """Initials such as ``A.L.``."""
    return "".join(f"{n[0]}." for n in (person.get("first"), person.get("last")) if n)
