"""Tell the fleet's progress as it happens, from new ledger rows."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from agentfleet.store import Store, ledger
from agentfleet.store.models import LedgerRow

__all__ = ["Narrator"]


def _investigation(out: dict[str, Any]) -> list[str]:
    report = out.get("report") or {}
    site = report.get("crash_site") or {}
    lines = [f"crash site: {site.get('path')}:{site.get('lineno')} in {site.get('function')}()"] if site else []
    for suspect in report.get("suspects", [])[:1]:
        lines.append(f"suspect commit: {suspect['sha'][:10]} by {suspect['author']}: {suspect['summary']!r}")
    rep = report.get("reproduction") or {}
    verdict = {True: "reproduced", False: "not reproduced", None: "inconclusive"}[rep.get("reproduced")]
    lines.append(f"reproduction: {verdict}" + (f" ({rep['note']})" if rep.get("note") else ""))
    return lines


def _gate(out: dict[str, Any]) -> list[str]:
    decision = out.get("decision") or {}
    checks = decision.get("checks", [])
    passed = sum(1 for c in checks if c["passed"])
    lines = [f"verdict: {decision.get('verdict')} ({passed}/{len(checks)} checks passed)"]
    lines += [f"  {'✓' if c['passed'] else '✗'} {c['name']}" for c in checks]
    return lines


def _delivery(out: dict[str, Any]) -> list[str]:
    d = out.get("delivery") or {}
    where = f"PR #{d['pr_number']} on branch {d.get('branch')}" if d.get("pr_number") else d.get("state")
    return [f"{d.get('state')}: {where} ({d.get('forge')} forge)" + (f" — {d['note']}" if d.get("note") else "")]


def _describe(row: LedgerRow) -> list[str]:
    """Human lines for one ledger row; empty for rows not worth telling."""
    key, out = row.stage, row.outputs or {}
    if key == "monitor":
        found, started = out.get("findings", 0), out.get("started", [])
        return [f"errors monitor: {found} critical group(s), {len(started)} new work item(s)"] if found else []
    if row.outcome == "started" and key in {"investigate", "fix", "gate", "deliver"}:
        return [
            {
                "investigate": "investigating the error against the code, in a sandbox…",
                "fix": "fixing, in a sandbox…",
                "gate": "verifying the patch in a fresh sandbox…",
                "deliver": "delivering…",
            }[key]
        ]
    if row.outcome in {"failed", "crashed", "gave-up", "retry", "refused", "relaunched"}:
        return [f"{key}: {row.outcome}: {out.get('error', '')}"]
    if row.outcome not in ledger.COMPLETED and key != "triage":
        return []
    tellers: dict[str, Callable[[dict[str, Any]], list[str]]] = {
        "investigate": _investigation,
        "gate": _gate,
        "deliver": _delivery,
    }
    if key in tellers:
        return tellers[key](out)
    if key == "triage":
        return [f"triage: new work {row.key} (trust phase {out.get('trust_phase')})"] if row.outcome == "queued" else []
    if key.startswith("fix:"):
        detail = ", ".join(out.get("files", [])) or out.get("reason", "")
        return [f"{key[4:]} fixer: {row.outcome} ({detail}) in {(row.duration_ms or 0) / 1000:.1f}s"]
    return []


class Narrator:
    """Prints each new ledger row worth telling, stamped with seconds since ``start``."""

    def __init__(self, store: Store, start: float, echo: Callable[[str], None]) -> None:
        self.store, self.start, self.echo = store, start, echo
        self.last_id = 0

    def say(self, text: str) -> None:
        """Print one progress line."""
        self.echo(f"[{time.monotonic() - self.start:5.1f}s] {text}")

    def poll(self) -> list[LedgerRow]:
        """Tell the rows appended since the last poll; returns them."""
        with self.store.session() as session:
            rows = list(session.scalars(select(LedgerRow).where(LedgerRow.id > self.last_id).order_by(LedgerRow.id)))
        for row in rows:
            self.last_id = row.id
            for i, line in enumerate(_describe(row)):
                self.say(line) if i == 0 else self.echo(f"         {line}")
        return rows
