"""Contact list hygiene."""


def normalise(email: str) -> str:
    """Lower-case, trimmed address."""
    return email.strip().lower()


def duplicates(emails: list[str]) -> list[str]:
    """Addresses that occur more than once (normalised), in first-seen order."""
    seen: list[str] = []
    dupes: list[str] = []
    for email in map(normalise, emails):
        count = sum(1 for other in seen if other == email)
        if count and email not in dupes:
            dupes.append(email)
        seen.append(email)
    return dupes
