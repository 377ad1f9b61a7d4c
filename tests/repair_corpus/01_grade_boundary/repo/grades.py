"""Letter grades for exam scores."""


def letter(score: int) -> str:
    """The letter grade for a score between 0 and 100."""
    if not 0 <= score <= 100:
        raise ValueError(f"score out of range: {score}")
    if score > 90:
        return "A"
    if score >= 80:
        return "B"
    if score >= 70:
        return "C"
    if score >= 60:
        return "D"
    return "F"


def report(scores: dict[str, int]) -> dict[str, str]:
    """Letter grade per student."""
    return {name: letter(score) for name, score in scores.items()}
