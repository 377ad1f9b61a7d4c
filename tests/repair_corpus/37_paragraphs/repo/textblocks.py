"""Paragraph splitting."""


def paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs, each joined with single spaces."""
    result: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            result.append(" ".join(current))
            current = []
    return result
