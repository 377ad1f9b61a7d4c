"""Identifier formatting."""


def snake_case(name: str) -> str:
    """``HTTPServerName`` style -> ``h_t_t_p_server_name``; ``fooBar`` -> ``foo_bar``."""
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i > 0:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)
