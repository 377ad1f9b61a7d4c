"""The verdict on a deployed fix from what production said: held, did not hold, made it worse, or not yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from agentfleet.flow.verification.evidence import Observed

__all__ = ["Outcome", "Verdict", "judge"]


class Outcome(StrEnum):
    """The four answers; the ledger outcome of the last three is ``verified``, ``regressed``, ``caused``."""

    WAITING = "waiting"
    HELD = "verified"
    DID_NOT_HOLD = "regressed"
    MADE_IT_WORSE = "caused"


@dataclass(frozen=True)
class Verdict:
    """An outcome and one line saying why."""

    outcome: Outcome
    why: str


def judge(seen: Observed, *, deployed_at: datetime, now: datetime, window_s: float, min_traffic: int) -> Verdict:
    """Made it worse beats did not hold (the revert also undoes the failed fix); held needs the whole window
    and ``min_traffic`` events from releases containing the fix, so silence from no traffic counts for nothing."""
    if seen.cause is not None:
        where = ", ".join(f"{t.path}:{t.line}" for t in seen.cause.touches)
        return Verdict(
            Outcome.MADE_IT_WORSE, f"new error {seen.cause.event.title!r} in lines the fix changed ({where})"
        )
    if seen.recurrences:
        last = seen.recurrences[-1]
        return Verdict(
            Outcome.DID_NOT_HOLD, f"{len(seen.recurrences)} event(s) of the group from release {last.release!r}"
        )
    ends = deployed_at + timedelta(seconds=window_s)
    if now < ends:
        return Verdict(Outcome.WAITING, f"watching until {ends:%Y-%m-%d %H:%M:%S}Z; {seen.traffic} event(s) so far")
    if seen.traffic < min_traffic:
        return Verdict(
            Outcome.WAITING,
            f"window over, but only {seen.traffic} of min_traffic={min_traffic} event(s) from releases with the fix",
        )
    return Verdict(Outcome.HELD, f"silent for {window_s:g}s after deploy, with {seen.traffic} event(s) of traffic")
