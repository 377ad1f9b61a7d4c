"""The agent loop, in mini-swe-agent's shape: ``run → step → query → execute``.

Flow control uses small exceptions that carry messages back into the conversation
(``FormatError``) or end the run (``Submitted``, ``GaveUp``, ``BudgetExceeded``). The trajectory is
saved in ``finally`` after every step, so a crash still leaves a record.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from agentfleet.flow.fixers.agent.budget import Spend
from agentfleet.flow.fixers.agent.models import Message, Model, ModelReply, ToolCall, ToolSpec
from agentfleet.flow.fixers.agent.trajectory import Recorder

__all__ = [
    "CONTROL_TOOLS",
    "Agent",
    "AgentFlowInterrupt",
    "BudgetExceeded",
    "Finished",
    "FormatError",
    "GaveUp",
    "Outcome",
    "Submitted",
]

log = logging.getLogger(__name__)

CONTROL_TOOLS = [
    ToolSpec(
        name="submit",
        description="Finish with the changes made in the sandbox. Call only after the tests pass.",
        input_schema={
            "type": "object",
            "properties": {"rationale": {"type": "string", "description": "Markdown: root cause, change, tests run."}},
            "required": ["rationale"],
        },
    ),
    ToolSpec(
        name="give_up",
        description="Finish without a fix: say why, and what you learned for the human who takes over.",
        input_schema={
            "type": "object",
            "properties": {"reason": {"type": "string"}, "learned": {"type": "string"}},
            "required": ["reason", "learned"],
        },
    ),
]
"""End-of-run tools: they grant no capability, they only end the loop."""


@dataclass(frozen=True)
class Outcome:
    """How a run ended."""

    status: Literal["submitted", "gave_up", "budget"]
    text: str
    """The rationale (submitted) or the reason (gave up, budget)."""
    learned: str = ""


class AgentFlowInterrupt(Exception):
    """Ends a step early; its messages are added to the conversation."""

    def __init__(self, *messages: Message) -> None:
        super().__init__(messages[0].content if messages else "")
        self.messages = messages


class FormatError(AgentFlowInterrupt):
    """The model's reply could not be acted on; it is told why and tries again."""


class Finished(AgentFlowInterrupt):
    """The run is over."""

    def __init__(self, outcome: Outcome, *messages: Message) -> None:
        super().__init__(*messages)
        self.outcome = outcome


class Submitted(Finished):
    """The model submitted and the submission was accepted."""


class GaveUp(Finished):
    """The model gave up, with a reason."""


class BudgetExceeded(Finished):
    """A step, token, cost or time limit was reached."""


class Tools(Protocol):
    """What the loop needs from a toolbox."""

    specs: list[ToolSpec]

    def call(self, name: str, arguments: dict[str, Any]) -> tuple[str, bool]: ...


class Agent:
    """Runs one conversation until the model submits, gives up, or a budget runs out."""

    def __init__(
        self, model: Model, tools: Tools, spend: Spend, recorder: Recorder, *,
        accept: Callable[[str], str | None], max_output_tokens: int = 4096,
    ) -> None:  # fmt: skip
        self.model, self.tools, self.spend, self.recorder = model, tools, spend, recorder
        self.accept = accept
        """Checks a submission: ``None`` to accept it, else why not (told to the model)."""
        self.max_output_tokens = max_output_tokens
        self.messages: list[Message] = []
        self.outputs: list[ModelReply] = []
        self.outcome: Outcome | None = None
        self._step_cost = 0.0

    def run(self, system: str, task: str) -> Outcome:
        """Talk to the model until the run ends; the trajectory is saved after every step."""
        self.add_messages(Message(role="system", content=system), Message(role="user", content=task))
        while True:
            try:
                self.step()
            except Finished as end:
                self.add_messages(*end.messages)
                self.outcome = end.outcome
            except AgentFlowInterrupt as interrupt:
                self.add_messages(*interrupt.messages)
            finally:
                self.save_trajectory()
            if self.outcome is not None:
                return self.outcome

    def add_messages(self, *messages: Message) -> None:
        """Append to the conversation."""
        self.messages.extend(messages)

    def save_trajectory(self) -> None:
        """Record the conversation so far and this step's cost."""
        status = self.outcome.status if self.outcome else "running"
        result = self.outcome.text if self.outcome else ""
        self.recorder.save(
            self.messages, self.outputs, self.spend.summary(), step_cost=self._step_cost, status=status, result=result
        )
        self._step_cost = 0.0

    def step(self) -> None:
        """One model call and the tool calls it asks for."""
        self.execute(self.query())

    def query(self) -> ModelReply:
        """Ask the model for its next move, within the budget."""
        if why := self.spend.exhausted():
            raise BudgetExceeded(Outcome("budget", f"budget exhausted: {why}"))
        reply = self.model.query(
            self.messages,
            [*self.tools.specs, *CONTROL_TOOLS],
            max_tokens=self.spend.reply_tokens(self.max_output_tokens),
        )
        self._step_cost = self.spend.charge(reply)
        self.outputs.append(reply)
        self.add_messages(Message(role="assistant", content=reply.text, tool_calls=reply.tool_calls))
        log.info("agent step=%d calls=%d tokens=%d", self.spend.steps, len(reply.tool_calls), self.spend.tokens)
        return reply

    def execute(self, reply: ModelReply) -> None:
        """Run each tool call in order and add its result; a text-only reply is a format error."""
        if not reply.tool_calls:
            raise FormatError(
                Message(role="user", content="Your reply called no tool. Call a tool, or submit / give_up to finish.")
            )
        for call in reply.tool_calls:
            self.add_messages(self.execute_call(call))

    def execute_call(self, call: ToolCall) -> Message:
        """One tool call's result message; ends the run for an accepted ``submit`` or a ``give_up``."""
        try:
            args = json.loads(call.arguments or "{}")
        except ValueError as exc:
            return _result(call, f"arguments of {call.name} are not valid JSON ({exc}); send a JSON object", True)
        if not isinstance(args, dict):
            return _result(call, f"arguments of {call.name} must be a JSON object, not {type(args).__name__}", True)
        if call.name == "give_up":
            outcome = Outcome("gave_up", str(args.get("reason", "")), str(args.get("learned", "")))
            raise GaveUp(outcome, _result(call, "understood; the run ends without a fix", False))
        if call.name == "submit":
            rationale = str(args.get("rationale", ""))
            if refused := self.accept(rationale):
                return _result(call, f"submission refused: {refused}", True)
            raise Submitted(Outcome("submitted", rationale), _result(call, "accepted", False))
        text, is_error = self.tools.call(call.name, args)
        return _result(call, text, is_error)


def _result(call: ToolCall, text: str, is_error: bool) -> Message:
    return Message(role="tool", tool_call_id=call.id, content=text, is_error=is_error)
