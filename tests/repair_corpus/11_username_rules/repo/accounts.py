"""Account sign-up rules."""

RESERVED = {"admin", "root"}


def valid_username(name: str) -> bool:
    """3 to 20 characters, letters and digits only, not reserved."""
    if name.lower() in RESERVED:
        return False
    return 3 <= len(name) <= 20 or name.isalnum()


def display_name(name: str) -> str:
    """Capitalised for greetings."""
    return name[:1].upper() + name[1:]
