"""Run-length decoding."""


def decode(text: str) -> str:
    """``"3a2b"`` -> ``"aaabb"``; a letter without a count appears once."""
    out = []
    count = 0
    for ch in text:
        if ch.isdigit():
            count = count * 10 + int(ch)
        else:
            out.append(ch * (count or 1))
            count = 0
    return "".join(out)
