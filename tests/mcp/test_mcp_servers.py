"""Every MCP server through the official MCP client: tools listed with honest annotations, and called."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import mcp
import pytest
from agent.agent_kit import FILES, NEW, OLD, REPO, Sample, sample_context
from mcp.server.mcpserver import MCPServer
from support import commit, git

from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.forges.factory import open_forge
from agentfleet.mcp import errors, forge, repo, sandbox
from agentfleet.sandboxes.factory import open_sandbox

# read_only, destructive, idempotent, open_world
READ = (True, False, True, False)
ANNOTATIONS = {
    "errors": dict.fromkeys(
        ["list_groups", "get_group", "list_events", "get_event", "get_stacktrace", "get_breadcrumbs"], READ
    ),
    "repo": dict.fromkeys(["read_file", "list_files", "search", "git_log", "git_show", "git_blame"], READ),
    "sandbox": {
        "view": READ, "diff": READ, "create": (False, False, True, False), "str_replace": (False, True, False, False),
        "run_command": (False, True, False, False), "run_tests": (False, True, False, False),
    },
    "forge": {
        "get_pr": (True, False, True, True), "list_prs": (True, False, True, True),
        "pr_diff": (True, False, True, True),
        "push_branch": (False, False, True, True), "open_pr": (False, False, True, True),
        "update_pr": (False, True, True, True), "comment": (False, False, False, True),
    },
}  # fmt: skip


class Session:
    """A synchronous face on an ``mcp.Client`` for plain test functions."""

    def __init__(self, client: mcp.Client) -> None:
        self.client = client

    async def annotations(self) -> dict[str, tuple[bool | None, ...]]:
        listed = await self.client.list_tools()
        hints = ("read_only_hint", "destructive_hint", "idempotent_hint", "open_world_hint")
        return {t.name: tuple(getattr(t.annotations, h) for h in hints) for t in listed.tools}

    async def call(self, tool: str, **arguments: Any) -> tuple[str, bool]:
        result = await self.client.call_tool(tool, arguments)
        return "\n".join(c.text for c in result.content if c.type == "text"), bool(result.is_error)


@asynccontextmanager
async def connected(server: MCPServer) -> AsyncIterator[Session]:
    async with mcp.Client(server) as client:
        yield Session(client)


def exercise(server: MCPServer, steps: Callable[[Session], Any]) -> Any:
    """Run async ``steps`` against ``server`` through the official client."""

    async def main() -> Any:
        async with connected(server) as session:
            return await steps(session)

    return anyio.run(main)


def test_errors_server_serves_one_repos_real_crash(make_sample: Callable[..., Sample]) -> None:
    sample = make_sample()
    server = errors.build(errors.ErrorTools(sample.ctx.store, REPO))
    other = errors.build(errors.ErrorTools(sample.ctx.store, "another-repo"))

    async def steps(s: Session) -> None:
        assert await s.annotations() == ANNOTATIONS["errors"]
        groups, _ = await s.call("list_groups")
        assert json.loads(groups)[0]["fingerprint"] == sample.fingerprint
        trace, _ = await s.call("get_stacktrace", event_id=sample.event_id)
        assert 'File "calc/stats.py", line 2, in average\n    return sum(values) / len(values)' in trace
        assert trace.endswith('"ZeroDivisionError: division by zero"')
        crumbs, _ = await s.call("get_breadcrumbs", event_id=sample.event_id)
        assert [c["message"] for c in json.loads(crumbs)] == ["GET /report?sensor=7", "sensor 7 sent no readings"]
        event, _ = await s.call("get_event", event_id=sample.event_id)
        assert json.loads(event)["release"] == "r1"
        missing, is_error = await s.call("get_group", fingerprint="nope")
        assert is_error
        assert "no error group 'nope'" in missing

    exercise(server, steps)

    async def elsewhere(s: Session) -> tuple[str, bool]:
        return await s.call("get_event", event_id=sample.event_id)

    assert exercise(other, elsewhere)[1] is True


def test_repo_server_reads_the_base_commit_and_nothing_later(make_sample: Callable[..., Sample]) -> None:
    # Given a repo whose history moved on after the work's base commit
    sample = make_sample()
    base = sample.job.item.base_commit
    later = commit(sample.path, {"calc/stats.py": "# rewritten later\n", "LATER.md": "x\n"}, "later change")
    server = repo.build(repo.RepoTools.at(sample.ctx, sample.ctx.repo(REPO), base))

    async def steps(s: Session) -> None:
        assert await s.annotations() == ANNOTATIONS["repo"]
        text, _ = await s.call("read_file", path="calc/stats.py", start_line=2, end_line=2)
        assert text == "2\t    return sum(values) / len(values)"
        assert (await s.call("list_files", pattern="calc/*.py"))[0].split() == [
            "calc/__init__.py", "calc/app.py", "calc/stats.py"
        ]  # fmt: skip
        assert "calc/app.py:5:" in (await s.call("search", regex=r"average\(\w+\)"))[0]
        log, _ = await s.call("git_log")
        assert base in log
        assert later not in log
        assert "+def average(values):" in (await s.call("git_show", rev=base[:10]))[0]
        assert "Test Author" in (await s.call("git_blame", path="calc/stats.py"))[0]
        for tool, args, why in [
            ("git_show", {"rev": later}, "not in the history of the base commit"),
            ("read_file", {"path": "LATER.md"}, "LATER.md"),
            ("read_file", {"path": "../calc/stats.py"}, "leaves the repository"),
            ("read_file", {"path": "/etc/passwd"}, "is absolute"),
            ("read_file", {"path": ".git/config"}, "inside .git"),
            ("git_show", {"rev": "--output=/tmp/x"}, "must be a commit SHA"),
        ]:
            text, is_error = await s.call(tool, **args)
            assert is_error, (tool, args)
            assert why in text

    exercise(server, steps)


@pytest.mark.slow
def test_sandbox_server_edits_and_runs_inside_its_sandbox_only(
    make_sample: Callable[..., Sample], backend: str, tmp_path: Path
) -> None:
    # Given a sandbox server bound to one real sandbox, and a host file outside it
    sample = make_sample(backend=backend)
    secret = tmp_path / "host-secret.txt"
    secret.write_text("host secret\n")
    with open_sandbox(sample.ctx, sample.ctx.repo(REPO), sample.job.item.base_commit) as box:
        server = sandbox.build(sandbox.SandboxTools(box, "python -m pytest -q", timeout_s=60))

        async def steps(s: Session) -> None:
            assert await s.annotations() == ANNOTATIONS["sandbox"]
            # When it edits and runs code, that works inside the sandbox
            assert "def average(values):" in (await s.call("view", path="calc/stats.py"))[0]
            assert "./calc/stats.py" in (await s.call("view"))[0]
            assert (await s.call("str_replace", path="calc/stats.py", old_str=OLD, new_str=NEW))[1] is False
            assert (await s.call("create", path="notes/why.md", content="empty input\n"))[1] is False
            assert "2 passed" in (await s.call("run_tests"))[0]
            assert "+        return 0.0" in (await s.call("diff"))[0]
            # And every way out of it is refused
            await s.call("run_command", command="ln -s / root_link && ln -s /etc/passwd passwd_link && ln -s .. up")
            for tool, args, why in [
                ("view", {"path": "../../etc/passwd"}, "leaves the repository"),
                ("view", {"path": str(secret)}, "is absolute"),
                ("create", {"path": "../escape.txt", "content": "x"}, "leaves the repository"),
                ("view", {"path": "passwd_link"}, "symbolic link"),
                ("view", {"path": "root_link/etc/hostname"}, "symbolic link"),
                ("create", {"path": "up/escape.txt", "content": "x"}, "symbolic link"),
                ("str_replace", {"path": "passwd_link", "old_str": "root", "new_str": "x"}, "symbolic link"),
                ("create", {"path": ".git/hooks/post-checkout", "content": "x"}, "inside .git"),
                ("create", {"path": "calc/stats.py", "content": "x"}, "already exists"),
                ("str_replace", {"path": "calc/stats.py", "old_str": "values", "new_str": "v"}, "occurs 4 times"),
            ]:
                text, is_error = await s.call(tool, **args)
                assert is_error, (tool, args, text)
                assert why in text
            out, _ = await s.call("run_command", command=f"cat {secret}")
            assert "host secret" not in out

        exercise(server, steps)
    assert not (tmp_path / "escape.txt").exists()
    assert secret.read_text() == "host secret\n"


def test_forge_server_never_writes_the_default_or_a_protected_branch(
    make_sample: Callable[..., Sample], tmp_path: Path
) -> None:
    # Given the forge server on the real local forge of a repo whose fleet entry protects "release"
    sample = make_sample()
    ctx = sample_context(tmp_path, tmp_path / "forge-data")
    base = sample.job.item.base_commit
    (sample.path / "calc" / "stats.py").write_text(FILES["calc/stats.py"].replace(OLD, NEW))
    diff = git(sample.path, "diff") + "\n"
    git(sample.path, "checkout", "--", ".")
    branch = "agentfleet/fix-error/abc"

    async def steps(s: Session) -> None:
        tools = await s.annotations()
        assert tools == ANNOTATIONS["forge"]
        assert not {"merge", "close", "delete_branch", "force_push", "update_settings"} & set(tools)
        for bad in ("main", "release", "feature/x", "agentfleet/../main"):
            text, is_error = await s.call("push_branch", branch=bad, base_commit=base, diff=diff, message="m")
            assert is_error, bad
            assert "refusing to write" in text
            assert (await s.call("open_pr", branch=bad, title="t"))[1] is True
        head, is_error = await s.call("push_branch", branch=branch, base_commit=base, diff=diff, message="fix")
        assert not is_error, head
        pr = json.loads((await s.call("open_pr", branch=branch, title="Fix", draft=True))[0])
        assert pr["draft"] is True
        assert pr["base"] == "main"
        again = json.loads((await s.call("open_pr", branch=branch, title="Fix v2"))[0])
        assert again["number"] == pr["number"]
        assert "+        return 0.0" in (await s.call("pr_diff", number=pr["number"]))[0]
        assert (await s.call("comment", number=pr["number"], body="gate passed"))[1] is False

    with forge.opened(ctx, ctx.repo(REPO)) as server:
        exercise(server, steps)
    bare = tmp_path / "forge-data" / "forge" / f"{REPO}.git"
    assert git(bare, "rev-parse", "refs/heads/main") == base
    assert git(bare, "for-each-ref", "--format=%(refname:short)", "refs/heads").split() == [branch, "main"]


def test_forge_server_is_scoped_to_agent_work_the_gates_paths_and_the_trust_phase(
    make_git_repo: Callable[..., Path], write_fleet: Callable[[str], Path], settings: Settings
) -> None:
    # Given the forge server on the real local forge of a repo at trust phase 2 for fix_error
    path = make_git_repo({"app.py": "def add(a, b):\n    return a - b\n"}, name="svc")
    base = git(path, "rev-parse", "HEAD")
    write_fleet(f'[[repos]]\nname = "svc"\nlocation = "{path}"\ntrust.fix_error = 2\n')
    ctx = Context.from_settings(settings)
    fix = "--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n def add(a, b):\n-    return a - b\n+    return a + b\n"
    workflow = "--- /dev/null\n+++ b/.github/workflows/ci.yml\n@@ -0,0 +1 @@\n+on: push\n"
    lockfile = "--- /dev/null\n+++ b/poetry.lock\n@@ -0,0 +1 @@\n+x\n"
    branch = "agentfleet/fix-error/abc"
    issue = open_forge(ctx, ctx.repo("svc")).file_issue("a human's issue", "please look")
    opened: list[int] = []

    async def steps(s: Session) -> None:
        # When a client pushes CI config, a lockfile, or to a branch of no known kind, Then it is refused
        for diff, why in ((workflow, ".github/workflows/ci.yml (forbidden"), (lockfile, "poetry.lock (dependency")):
            text, is_error = await s.call("push_branch", branch=branch, base_commit=base, diff=diff, message="m")
            assert is_error, text
            assert why in text
        text, is_error = await s.call("push_branch", branch="agentfleet/x/1", base_commit=base, diff=fix, message="m")
        assert is_error, text
        assert "not an agent branch" in text
        # When it opens a ready PR below phase 3, Then it is refused; a draft is opened
        assert not (await s.call("push_branch", branch=branch, base_commit=base, diff=fix, message="fix"))[1]
        text, is_error = await s.call("open_pr", branch=branch, title="Fix", draft=False)
        assert is_error, text
        assert "trust phase of fix_error on svc is 2" in text
        pr = json.loads((await s.call("open_pr", branch=branch, title="Fix"))[0])
        assert pr["draft"] is True
        opened.append(pr["number"])
        text, is_error = await s.call("update_pr", number=pr["number"], title="Fix", draft=False)
        assert is_error, text
        # When it comments on an issue that is not its own PR, Then it is refused; on its PR it may
        text, is_error = await s.call("comment", number=issue.number, body="spam")
        assert is_error, text
        assert (await s.call("comment", number=pr["number"], body="gate passed"))[1] is False

    with forge.opened(ctx, ctx.repo("svc")) as server:
        exercise(server, steps)
    assert open_forge(ctx, ctx.repo("svc")).get_pr(opened[0]).draft is True
    # Given the repo promoted to phase 3, Then the same PR may be marked ready
    write_fleet(f'[[repos]]\nname = "svc"\nlocation = "{path}"\ntrust.fix_error = 3\n')

    async def ready(s: Session) -> None:
        text, is_error = await s.call("update_pr", number=opened[0], title="Fix", draft=False)
        assert not is_error, text
        assert json.loads(text)["draft"] is False

    with forge.opened(ctx, ctx.repo("svc")) as server:
        exercise(server, ready)
