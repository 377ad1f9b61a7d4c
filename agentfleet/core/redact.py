"""Keep credentials out of what agentfleet prints, logs and records."""

from __future__ import annotations

import re

__all__ = ["redact"]

_USERINFO = re.compile(r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")


def redact(text: str) -> str:
    """``text`` with the user and password of every URL in it replaced by ``***``.

    ``redis://:s3cret@host/0`` → ``redis://***@host/0``; ``https://tok@github.com/a/b`` → ``https://***@github.com/a/b``.
    """
    return _USERINFO.sub(r"\g<scheme>***@", text)
