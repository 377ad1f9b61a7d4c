"""Overhead of the fix agent around the model: MCP tool calls, loop steps, trajectory saves, memory.

    python benchmarks/agent_loop.py [--steps 200] [--calls 200] [--backend bwrap]

A real git repo, a real sandbox and the real in-process MCP servers behind the official client; the
model is ``ScriptedModel`` (no network, no model latency), so what is timed is everything agentfleet
adds per step. Figures go to docs/performance.md ("Fix agent").
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

from agentfleet.contracts import Budget, ErrorEvidence, FixError, Job, NoFix
from agentfleet.core.context import Context
from agentfleet.core.git import commit_all
from agentfleet.core.logs import configure_logging
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.agent.fixer import AgentFixer
from agentfleet.flow.fixers.agent.models.scripted import ScriptedModel
from agentfleet.flow.fixers.agent.toolbox import in_process, open_toolbox
from agentfleet.mcp import repo as repo_server
from agentfleet.mcp import sandbox as sandbox_server
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import open_sandbox


def make_repo(path: Path) -> str:
    (path / "calc").mkdir(parents=True)
    (path / "calc" / "stats.py").write_text("".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(200)))
    return commit_all(path, "bench")


def timed_calls(toolbox: object, name: str, args: dict[str, object], n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        text, is_error = toolbox.call(name, args)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
        assert not is_error, text
    return times


def tool_calls(ctx: Context, sha: str, calls: int) -> None:
    repo = ctx.repo("bench")
    with open_sandbox(ctx, repo, sha) as box:
        servers = {
            "repo": in_process(repo_server.build(repo_server.RepoTools.at(ctx, repo, sha))),
            "sandbox": in_process(sandbox_server.build(sandbox_server.SandboxTools(box, "true"))),
        }
        with open_toolbox(servers) as toolbox:
            read = timed_calls(toolbox, "repo__read_file", {"path": "calc/stats.py", "end_line": 40}, calls)
            view = timed_calls(toolbox, "sandbox__view", {"path": "calc/stats.py", "end_line": 40}, calls // 4)
            run = timed_calls(toolbox, "sandbox__run_command", {"command": "true"}, calls // 4)
    for label, times in (("repo__read_file", read), ("sandbox__view", view), ("sandbox__run_command", run)):
        p95 = sorted(times)[int(len(times) * 0.95)]
        print(f"{label:<22} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   ({len(times)} calls)")


def agent_run(ctx: Context, sha: str, steps: int) -> None:
    read = {"id": "c", "name": "repo__read_file", "arguments": json.dumps({"path": "calc/stats.py", "end_line": 40})}
    outputs = [
        {"tool_calls": [read | {"id": f"c{i}"}], "input_tokens": 2000, "output_tokens": 50} for i in range(steps)
    ]
    outputs.append(
        {"tool_calls": [{"id": "end", "name": "give_up", "arguments": '{"reason": "bench", "learned": ""}'}]}
    )
    item = FixError(
        repo="bench",
        base_commit=sha,
        fingerprint="bench",
        error=ErrorEvidence(exception_type="E"),
        budget=Budget(max_steps=steps + 1, max_tokens=10**9, max_cost_usd=100, max_seconds=3600),
    )
    model = ScriptedModel(outputs)
    stamps: list[float] = []
    original = model.query

    def query(*args: object, **kwargs: object) -> object:
        stamps.append(time.perf_counter())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    model.query = query  # type: ignore[method-assign]
    with open_sandbox(ctx, ctx.repo("bench"), sha) as box:
        start = time.perf_counter()
        result = AgentFixer(ctx, model=model).run(Job(item=item), box)
        total = time.perf_counter() - start
    assert isinstance(result, NoFix), result
    gaps = [(b - a) * 1000 for a, b in zip(stamps, stamps[1:], strict=False)]
    print(
        f"agent run: {steps + 1} steps in {total:.2f} s = {total / (steps + 1) * 1000:.1f} ms/step "
        f"(tool call + trajectory save + ledger row; scripted model)"
    )
    print(
        f"step time: first 10 median {statistics.median(gaps[:10]):.1f} ms, last 10 median "
        f"{statistics.median(gaps[-10:]):.1f} ms (the trajectory row is rewritten every step)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--backend", default="bwrap")
    args = parser.parse_args()
    configure_logging("WARNING")
    with tempfile.TemporaryDirectory(prefix="agentfleet-bench-") as tmp:
        root = Path(tmp)
        sha = make_repo(root / "bench")
        (root / "fleet.toml").write_text(f'[[repos]]\nname = "bench"\nlocation = "{root / "bench"}"\n')
        settings = Settings(
            data_dir=root / "data", fleet_file=root / "fleet.toml", sandbox=SandboxConfig(backend=args.backend)
        )
        ctx = Context.from_settings(settings)
        with open_sandbox(ctx, ctx.repo("bench"), sha):
            pass  # build the mirror and base environment outside the timings
        print(f"backend: {args.backend}; store: SQLite; model: ScriptedModel")
        tool_calls(ctx, sha, args.calls)
        agent_run(ctx, sha, args.steps)
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
