"""Bracket matching."""


def balanced(text: str) -> bool:
    """Whether every bracket in ``text`` is closed in order."""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return True
