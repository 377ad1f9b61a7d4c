"""A local stand-in for the GitHub REST endpoints PyGithub uses, served by uvicorn in a thread.

Git data lives in a real bare repository (``standin_git``); pull requests and issues in memory.
Every request is recorded in ``calls`` as ``(method, path, json body)`` so tests assert exactly
what the forge asked for. Requests without the expected token get 401.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from unidiff import PatchSet

from agentfleet.forges.bare import BareRepo
from forges.standin_git import GitData, error


class GitHubStandIn:
    """GitHub for one repository ``owner/name`` at ``http://127.0.0.1:<port>/api/v3``."""

    def __init__(self, bare: BareRepo, full_name: str, token: str, port: int) -> None:
        self.bare = bare
        self.full_name = full_name
        self.owner = full_name.split("/")[0]
        self.token = token
        self.checks_pending = False
        """Set to answer merges as GitHub does while required status checks are pending (405)."""
        self.base_url = f"http://127.0.0.1:{port}/api/v3"
        self.api = f"{self.base_url}/repos/{full_name}"
        self.git = GitData(bare, self.api)
        self.calls: list[tuple[str, str, Any]] = []
        self.items: dict[int, dict[str, Any]] = {}
        """Pull requests and issues by number (GitHub numbers them together)."""
        self.comments: dict[int, list[str]] = {}
        self.app = Starlette(routes=self._routes())
        self.server = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none")
        )

    def _routes(self) -> list[Route]:
        g, r = self.git, f"/api/v3/repos/{self.full_name}"
        table = [
            ("GET", "/git/commits/{sha}", g.get_commit),
            ("POST", "/git/commits", g.create_commit),
            ("GET", "/git/trees/{sha}", g.get_tree),
            ("POST", "/git/trees", g.create_tree),
            ("GET", "/git/blobs/{sha}", g.get_blob),
            ("POST", "/git/blobs", g.create_blob),
            ("GET", "/git/ref/{ref:path}", g.get_ref),
            ("POST", "/git/refs", g.create_ref),
            ("PATCH", "/git/refs/{ref:path}", g.update_ref),
            ("GET", "/compare/{spec:path}", g.compare),
            ("GET", "/commits", g.list_commits),
            ("GET", "/pulls", self.list_pulls),
            ("POST", "/pulls", self.create_pull),
            ("GET", "/pulls/{n:int}", self.get_pull),
            ("PATCH", "/pulls/{n:int}", self.edit_pull),
            ("PUT", "/pulls/{n:int}/merge", self.merge_pull),
            ("GET", "/pulls/{n:int}/files", self.pull_files),
            ("PUT", "/issues/{n:int}/labels", self.set_labels),
            ("POST", "/issues/{n:int}/comments", self.add_comment),
            ("POST", "/issues", self.create_issue),
            ("GET", "/issues", self.list_issues),
            ("GET", "/issues/{n:int}", self.get_issue),
            ("PATCH", "/issues/{n:int}", self.edit_issue),
        ]
        routes = [Route(r + path, self._recorded(fn), methods=[method]) for method, path, fn in table]
        return [*routes, Route("/api/graphql", self._recorded(self.graphql), methods=["POST"])]

    def _recorded(self, fn: Any) -> Any:
        async def handle(request: Request) -> Response:
            raw = await request.body()
            path = request.url.path.removeprefix(f"/api/v3/repos/{self.full_name}")
            path += f"?{request.url.query}" if request.url.query else ""
            self.calls.append((request.method, path, json.loads(raw) if raw else None))
            if request.headers.get("authorization") not in {f"token {self.token}", f"Bearer {self.token}"}:
                return error(401, "Bad credentials")
            return await fn(request)

        return handle

    # --- lifecycle -------------------------------------------------------------------------------
    def start(self) -> GitHubStandIn:
        threading.Thread(target=self.server.run, daemon=True).start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "GitHub stand-in did not start"
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True

    def writes(self) -> list[tuple[str, str, Any]]:
        """Calls that change something."""
        return [call for call in self.calls if call[0] != "GET"]

    # --- pull requests ---------------------------------------------------------------------------
    def pr_json(self, n: int) -> dict[str, Any]:
        item = self.items[n]
        head_sha = self.bare.sha(f"refs/heads/{item['head']}") or item.get("head_sha", "")
        return {
            **{k: item[k] for k in ("number", "title", "body", "state", "draft", "merged", "merge_commit_sha")},
            "node_id": f"PR_{n}",
            "url": f"{self.api}/pulls/{n}",
            "issue_url": f"{self.api}/issues/{n}",
            "html_url": f"https://github.example/{self.full_name}/pull/{n}",
            "labels": [{"name": name} for name in item["labels"]],
            "head": {"ref": item["head"], "sha": head_sha, "label": f"{self.owner}:{item['head']}"},
            "base": {"ref": item["base"], "sha": self.bare.sha(f"refs/heads/{item['base']}")},
        }

    def _pulls(self) -> list[int]:
        return sorted((n for n, item in self.items.items() if "head" in item), reverse=True)

    async def list_pulls(self, request: Request) -> JSONResponse:
        state, head = request.query_params.get("state", "open"), request.query_params.get("head")
        found = [
            self.pr_json(n)
            for n in self._pulls()
            if state in ("all", self.items[n]["state"]) and head in (None, f"{self.owner}:{self.items[n]['head']}")
        ]
        return JSONResponse(found)

    async def create_pull(self, request: Request) -> JSONResponse:
        body = await request.json()
        if any(self.items[n]["head"] == body["head"] and self.items[n]["state"] == "open" for n in self._pulls()):
            return error(422, f"A pull request already exists for {self.owner}:{body['head']}.")
        n = len(self.items) + 1
        self.items[n] = {
            "number": n,
            "title": body["title"],
            "body": body.get("body") or "",
            "state": "open",
            "draft": bool(body.get("draft")),
            "merged": False,
            "merge_commit_sha": None,
            "labels": [],
            "head": body["head"],
            "base": body["base"],
        }
        return JSONResponse(self.pr_json(n), status_code=201)

    async def get_pull(self, request: Request) -> JSONResponse:
        n = request.path_params["n"]
        return JSONResponse(self.pr_json(n)) if n in self.items and "head" in self.items[n] else error(404, "Not Found")

    async def edit_pull(self, request: Request) -> JSONResponse:
        n, body = request.path_params["n"], await request.json()
        self.items[n].update({k: v for k, v in body.items() if k in {"title", "body", "state"}})
        return JSONResponse(self.pr_json(n))

    async def merge_pull(self, request: Request) -> JSONResponse:
        n = request.path_params["n"]
        item = self.items[n]
        if item["draft"] or item["state"] != "open":
            return error(405, "Pull Request is not mergeable")
        if self.checks_pending:  # branch protection: required status checks have not reported yet
            return error(405, 'Required status check "ci" is expected.')
        item["head_sha"] = self.bare.sha(f"refs/heads/{item['head']}")
        sha = self.bare.merge(item["head"], f"Merge pull request #{n} from {item['head']}")
        item.update(state="closed", merged=True, merge_commit_sha=sha)
        return JSONResponse({"sha": sha, "merged": True, "message": "Pull Request successfully merged"})

    async def pull_files(self, request: Request) -> JSONResponse:
        item = self.items[request.path_params["n"]]
        patch = PatchSet(self.bare.diff(f"refs/heads/{item['base']}", f"refs/heads/{item['head']}"))
        files = [
            {
                "filename": f.path,
                "status": "added" if f.is_added_file else "removed" if f.is_removed_file else "modified",
                "patch": "".join(str(hunk) for hunk in f),
                "sha": "0" * 40,
            }
            for f in patch
        ]
        return JSONResponse(files)

    async def graphql(self, request: Request) -> JSONResponse:
        body = await request.json()
        assert "markPullRequestReadyForReview" in body["query"], body["query"]
        n = int(body["variables"]["input"]["pullRequestId"].removeprefix("PR_"))
        self.items[n]["draft"] = False
        result = {"clientMutationId": None, "pullRequest": {"isDraft": False}}
        return JSONResponse({"data": {"markPullRequestReadyForReview": result}})

    # --- issues and labels -----------------------------------------------------------------------
    def issue_json(self, n: int) -> dict[str, Any]:
        item = self.items[n]
        found = {
            "number": n,
            "title": item["title"],
            "body": item["body"],
            "state": item["state"],
            "url": f"{self.api}/issues/{n}",
            "html_url": f"https://github.example/{self.full_name}/issues/{n}",
            "labels": [{"name": name} for name in item["labels"]],
        }
        if "head" in item:  # GitHub lists pull requests among issues, marked so
            found["pull_request"] = {"url": f"{self.api}/pulls/{n}"}
        return found

    async def list_issues(self, request: Request) -> JSONResponse:
        """Issues and pull requests, newest first (one page: PyGithub stops without a Link header)."""
        state = request.query_params.get("state", "open")
        found = [
            self.issue_json(n) for n in sorted(self.items, reverse=True) if state in ("all", self.items[n]["state"])
        ]
        return JSONResponse(found)

    async def set_labels(self, request: Request) -> JSONResponse:
        n, body = request.path_params["n"], await request.json()
        self.items[n]["labels"] = list(body["labels"] if isinstance(body, dict) else body)
        return JSONResponse([{"name": name} for name in self.items[n]["labels"]])

    async def add_comment(self, request: Request) -> JSONResponse:
        n, body = request.path_params["n"], await request.json()
        self.comments.setdefault(n, []).append(body["body"])
        return JSONResponse({"id": len(self.comments[n]), "body": body["body"]}, status_code=201)

    async def create_issue(self, request: Request) -> JSONResponse:
        body = await request.json()
        n = len(self.items) + 1
        self.items[n] = {
            "title": body["title"],
            "body": body.get("body") or "",
            "state": "open",
            "labels": list(body.get("labels", [])),
        }
        return JSONResponse(self.issue_json(n), status_code=201)

    async def get_issue(self, request: Request) -> JSONResponse:
        return JSONResponse(self.issue_json(request.path_params["n"]))

    async def edit_issue(self, request: Request) -> JSONResponse:
        n, body = request.path_params["n"], await request.json()
        self.items[n].update({k: v for k, v in body.items() if k in {"title", "body", "state", "labels"}})
        return JSONResponse(self.issue_json(n))
