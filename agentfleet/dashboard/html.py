"""HTML building blocks for the dashboard. Every value is escaped here: repo names, reasons and titles may
carry text from production or from a model, and are shown as text, never as markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from urllib.parse import quote

__all__ = ["RESULT_TONES", "badge", "esc", "key_link", "page", "section", "table"]

RESULT_TONES = {
    "approved": "good",
    "pr": "good",
    "draft_pr": "good",
    "auto_merge": "good",
    "report": "warn",
    "opened": "good",
    "open": "good",
    "draft": "good",
    "merged": "good",
    "patch": "good",
    "reproduced": "good",
    "ok": "good",
    "rejected": "bad",
    "reject": "bad",
    "failed": "bad",
    "crashed": "bad",
    "gave-up": "bad",
    "refused": "bad",
    "no fix": "warn",
    "no-fix": "warn",
    "no_fix": "warn",
    "not_reproduced": "warn",
    "reported": "warn",
    "skipped": "warn",
    "held": "warn",
    "closed": "warn",
    "relaunched": "warn",
}
"""Outcome → colour of its badge (green, red, amber); anything else is neutral."""

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;background:#f6f7f9}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.muted{color:#5d6675}.note{background:#fff4d6;border:1px solid #e8c66a;padding:8px 12px;border-radius:6px}
table{border-collapse:collapse;background:#fff;width:100%;box-shadow:0 1px 2px #0001}
th,td{padding:6px 10px;border-bottom:1px solid #e3e6eb;text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px;background:#dfe3ea}
.good{background:#1f9d55;color:#fff}.bad{background:#d64545;color:#fff}.warn{background:#e5a50a;color:#1d2330}
pre{background:#fff;border:1px solid #e3e6eb;padding:12px;overflow:auto;white-space:pre-wrap}
a{color:#1f5fbf}
"""


def esc(value: object) -> str:
    """``value`` as HTML text."""
    return escape("" if value is None else str(value), quote=True)


def badge(result: str) -> str:
    """``result`` as a coloured badge."""
    tone = RESULT_TONES.get(result, "")
    return f'<span class="badge {tone}">{esc(result)}</span>'


def key_link(key: str, text: str | None = None) -> str:
    """A link to ``key``'s timeline."""
    return f'<a href="/work/{quote(key, safe="")}">{esc(text or key)}</a>'


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table; cells are HTML already (escape values with ``esc``); columns in ``numeric`` align right."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td{' class=n' if i in numeric else ''}>{cell}</td>" for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def section(title: str, content: str, empty: str = "nothing") -> str:
    """A titled part of a page; ``empty`` when there is no content."""
    return f"<h2>{esc(title)}</h2>" + (content or f'<p class="muted">{esc(empty)}</p>')


def page(title: str, body: str) -> str:
    """A whole HTML document."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>"
    )
