"""User records from the directory."""


def email_of(user: dict) -> str | None:
    """The user's email, None when they have no profile."""
    profile = user.get("profile")
    if profile is None:
        return None
    return profile["email"]


def domains(users: list[dict]) -> set[str]:
    """Email domains in use."""
    return {email.split("@")[1] for email in map(email_of, users) if email}
