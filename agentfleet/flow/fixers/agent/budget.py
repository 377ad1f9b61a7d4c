"""One agent run's spending: steps, tokens, cost and wall time against the work item's ``Budget``."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from agentfleet.contracts import Budget
from agentfleet.flow.fixers.agent.models import ModelReply
from agentfleet.flow.fixers.config import ModelPrice

__all__ = ["Spend"]


@dataclass
class Spend:
    """What a run has used so far, and whether it may take another step."""

    limits: Budget
    price: ModelPrice
    max_cost_usd: float
    """The lower of the item's cost budget and what is left of the repo's daily agent spend."""
    steps: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    started: float = field(default_factory=time.monotonic)

    @property
    def tokens(self) -> int:
        """Input plus output tokens so far."""
        return self.input_tokens + self.output_tokens

    @property
    def elapsed_s(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started

    def exhausted(self) -> str | None:
        """Which limit is reached (one line naming it), or ``None`` when another step may run."""
        checks = (
            (self.steps >= self.limits.max_steps, f"step budget used: {self.steps}/{self.limits.max_steps} steps"),
            (self.tokens >= self.limits.max_tokens, f"token budget used: {self.tokens}/{self.limits.max_tokens}"),
            (self.cost_usd >= self.max_cost_usd, f"cost budget used: ${self.cost_usd:.4f}/${self.max_cost_usd:.4f}"),
            (
                self.elapsed_s >= self.limits.max_seconds,
                f"time budget used: {self.elapsed_s:.0f}s/{self.limits.max_seconds}s",
            ),
        )
        return next((why for hit, why in checks if hit), None)

    def reply_tokens(self, cap: int) -> int:
        """Output tokens the next reply may use: ``cap``, or fewer when the token budget is nearly spent."""
        return max(1, min(cap, self.limits.max_tokens - self.tokens))

    def seconds_left(self) -> float:
        """Wall time left before the time budget is spent."""
        return max(0.0, self.limits.max_seconds - self.elapsed_s)

    def charge(self, reply: ModelReply) -> float:
        """Count one model call; returns what it cost (USD)."""
        cost = self.price.cost(reply.input_tokens, reply.output_tokens)
        self.steps += 1
        self.input_tokens += reply.input_tokens
        self.output_tokens += reply.output_tokens
        self.cost_usd += cost
        return cost

    def summary(self) -> dict[str, float | int]:
        """The figures for the ledger and the rationale."""
        return {
            "steps": self.steps,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cost_usd": round(self.cost_usd, 6),
            "elapsed_s": round(self.elapsed_s, 1),
        }
