"""Git-data endpoints of the GitHub REST stand-in, backed by a real bare repository."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from agentfleet.core.errors import PermanentError
from agentfleet.forges.bare import BareRepo


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)


class GitData:
    """blobs, trees, commits, refs and compare, as GitHub serves them, on ``bare``."""

    def __init__(self, bare: BareRepo, api: str) -> None:
        self.bare = bare
        self.api = api

    def commit_json(self, sha: str) -> dict[str, Any]:
        tree, *parents = self.bare.git("log", "-1", "--format=%T %P", sha).split()
        message = self.bare.git("log", "-1", "--format=%B", sha).rstrip("\n")
        return {
            "sha": sha,
            "url": f"{self.api}/git/commits/{sha}",
            "message": message,
            "tree": {"sha": tree, "url": f"{self.api}/git/trees/{tree}"},
            "parents": [{"sha": p, "url": f"{self.api}/git/commits/{p}"} for p in parents],
        }

    async def get_commit(self, request: Request) -> JSONResponse:
        sha = self.bare.sha(request.path_params["sha"])
        return JSONResponse(self.commit_json(sha)) if sha else error(404, "Not Found")

    async def get_tree(self, request: Request) -> JSONResponse:
        sha = request.path_params["sha"]
        listing = self.bare.git("ls-tree", "-r", sha).splitlines()
        entries = []
        for line in listing:
            meta, path = line.split("\t", 1)
            mode, kind, obj = meta.split()
            entries.append({"path": path, "mode": mode, "type": kind, "sha": obj})
        tree = self.bare.git("rev-parse", f"{sha}^{{tree}}").strip()
        return JSONResponse({"sha": tree, "url": f"{self.api}/git/trees/{tree}", "tree": entries, "truncated": False})

    async def get_blob(self, request: Request) -> JSONResponse:
        sha = request.path_params["sha"]
        raw = self.bare.git("cat-file", "blob", sha).encode()
        return JSONResponse(
            {"sha": sha, "encoding": "base64", "content": base64.b64encode(raw).decode(), "size": len(raw)}
        )

    async def create_blob(self, request: Request) -> JSONResponse:
        body = await request.json()
        data = base64.b64decode(body["content"]) if body.get("encoding") == "base64" else body["content"].encode()
        with tempfile.NamedTemporaryFile() as tmp:
            Path(tmp.name).write_bytes(data)
            sha = self.bare.git("hash-object", "-w", tmp.name).strip()
        return JSONResponse({"sha": sha, "url": f"{self.api}/git/blobs/{sha}"}, status_code=201)

    async def create_tree(self, request: Request) -> JSONResponse:
        body = await request.json()
        with tempfile.TemporaryDirectory() as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            self.bare.git("read-tree", *([body["base_tree"]] if body.get("base_tree") else ["--empty"]), env=env)
            for item in body["tree"]:
                if item.get("sha") is None:
                    self.bare.git("update-index", "--force-remove", item["path"], env=env)
                else:
                    self.bare.git(
                        "update-index", "--add", "--cacheinfo", f"{item['mode']},{item['sha']},{item['path']}", env=env
                    )
            sha = self.bare.git("write-tree", env=env).strip()
        return JSONResponse({"sha": sha, "url": f"{self.api}/git/trees/{sha}", "tree": []}, status_code=201)

    async def create_commit(self, request: Request) -> JSONResponse:
        body = await request.json()
        parents = [arg for p in body.get("parents", []) for arg in ("-p", p)]
        sha = self.bare.git("commit-tree", body["tree"], *parents, "-m", body["message"]).strip()
        return JSONResponse(self.commit_json(sha), status_code=201)

    def ref_json(self, ref: str, sha: str) -> dict[str, Any]:
        return {"ref": ref, "url": f"{self.api}/git/{ref}", "object": {"sha": sha, "type": "commit", "url": ""}}

    async def get_ref(self, request: Request) -> JSONResponse:
        ref = "refs/" + request.path_params["ref"]
        sha = self.bare.sha(ref)
        return JSONResponse(self.ref_json(ref, sha)) if sha else error(404, "Not Found")

    async def create_ref(self, request: Request) -> JSONResponse:
        body = await request.json()
        if self.bare.sha(body["ref"]):
            return error(422, "Reference already exists")
        self.bare.git("update-ref", body["ref"], body["sha"], "0" * 40)
        return JSONResponse(self.ref_json(body["ref"], body["sha"]), status_code=201)

    async def update_ref(self, request: Request) -> JSONResponse:
        ref = "refs/" + request.path_params["ref"]
        body = await request.json()
        current = self.bare.sha(ref)
        if current is None:
            return error(422, "Reference does not exist")
        if not body.get("force") and not self.bare.is_ancestor(current, body["sha"]):
            return error(422, "Update is not a fast forward")
        self.bare.git("update-ref", ref, body["sha"], current)
        return JSONResponse(self.ref_json(ref, body["sha"]))

    async def compare(self, request: Request) -> JSONResponse:
        base, head = request.path_params["spec"].split("...")
        try:
            base, head = self.bare.git("rev-parse", base, head).split()
        except PermanentError:
            return error(404, "Not Found")
        ahead, behind = self.bare.is_ancestor(base, head), self.bare.is_ancestor(head, base)
        status = "identical" if base == head else "ahead" if ahead else "behind" if behind else "diverged"
        return JSONResponse({"status": status, "files": []})

    async def list_commits(self, request: Request) -> JSONResponse:
        ref = request.query_params.get("sha", self.bare.default_branch)
        shas = self.bare.git("rev-list", ref).split()
        return JSONResponse([{"sha": s, "commit": self.commit_json(s), "url": f"{self.api}/commits/{s}"} for s in shas])
