"""Splitting a comma-separated line with double-quoted fields."""


def split_fields(line: str) -> list[str]:
    """The comma-separated fields of ``line``; commas inside double quotes do not split, quotes are dropped."""
    fields = []
    current: list[str] = []
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = True
        elif ch == "," and not quoted:
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
    fields.append("".join(current))
    return fields
