"""Sandboxes are destroyed when their worker dies (reaped at the next worker start), and the warm pool."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sandboxes.kit import docker_image_present, leftover_boxes, need_backend, sandbox_context
from support import Proc, agentfleet_cmd, make_repo, need, need_binary, run_client, wait_for

from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.cgroups import group_owner, leftover_groups
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.docker.box import LABEL, docker_client
from agentfleet.sandboxes.factory import docker_answers, open_sandbox, sandbox_dir
from agentfleet.sandboxes.hostfs import process_identity
from agentfleet.sandboxes.pool import close_pools
from agentfleet.sandboxes.reaper import reap_leftovers

OWNER = """
import sys, time
from pathlib import Path
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.factory import open_sandbox
from agentfleet.core.settings import Settings
data, backend, repo = sys.argv[1:4]
ctx = Context.from_settings(Settings(data_dir=Path(data), sandbox={"backend": backend}))
with open_sandbox(ctx, RepoConfig(name="owned", location=repo), "main") as box:
    box.run("true")
    print("ready", flush=True)
    time.sleep(600)
"""


def _containers(box_ids: list[str]) -> list[str]:
    if not docker_answers():
        return []
    found = docker_client().containers.list(all=True, filters={"label": LABEL})
    return [c.labels[f"{LABEL}.box"] for c in found if c.labels.get(f"{LABEL}.box") in box_ids]


def _cgroups(owner: str) -> list[str]:
    return [group.name for group in leftover_groups() if group_owner(group.name) == owner]


@pytest.mark.slow
@pytest.mark.redis
def test_worker_start_reaps_the_sandboxes_of_a_killed_worker(
    backend: str, sandbox_data: Path, tmp_path: Path, start_worker: Callable[..., Proc]
) -> None:
    # Given a process that owns an open sandbox and is killed without cleaning up
    sha = make_repo(tmp_path / "owned", {"a.py": "A = 1\n"})
    before = set(leftover_boxes(sandbox_data))
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(sandbox_data), backend, str(tmp_path / "owned")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert owner.stdout is not None
    assert owner.stdout.readline().strip() == "ready"
    identity = process_identity(owner.pid)
    assert identity is not None
    os.kill(owner.pid, signal.SIGKILL)
    owner.wait()
    owner.stdout.close()
    orphans = sorted(set(leftover_boxes(sandbox_data)) - before)
    assert len(orphans) == 1
    assert _containers(orphans) if backend == "docker" else _cgroups(identity)
    # ... while this process holds a live sandbox of its own
    live_repo = RepoConfig(name="live", location=str(tmp_path / "owned"))
    with open_sandbox(sandbox_context(sandbox_data, backend), live_repo, sha) as live:
        # When a worker starts on the same data dir
        start_worker(env={"AGENTFLEET_DATA_DIR": str(sandbox_data), "AGENTFLEET_SANDBOX__BACKEND": backend})
        # Then the dead owner's box, cgroup and container are gone, and the live sandbox still works
        wait_for(lambda: not set(leftover_boxes(sandbox_data)) & set(orphans), 30, "the orphan box to be reaped")
        wait_for(lambda: not _containers(orphans) and not _cgroups(identity), 30, "orphan container/cgroup reaped")
        assert live.run("cat a.py").stdout == "A = 1\n"


@pytest.mark.docker
def test_warm_pool_hands_out_ready_containers_and_refills(sandbox_data: Path, tmp_path: Path) -> None:
    need_backend("docker")
    need(docker_image_present(SandboxConfig().image), "sandbox image missing")
    from agentfleet.sandboxes.docker.sandbox import warm_pool

    # Given a pool of two warmed up for the default image
    ctx = sandbox_context(sandbox_data, "docker", pool_size=2)
    pool = warm_pool(ctx.settings.sandbox, sandbox_dir(sandbox_data))
    assert pool is not None
    try:
        wait_for(lambda: pool.ready() == 2, 30, "the pool to fill")
        sha = make_repo(tmp_path / "pooled", {"a.py": "A = 1\n"})
        repo = RepoConfig(name="pooled", location=str(tmp_path / "pooled"))
        # When sandboxes are opened, they come from the pool, are clean, and the pool refills
        for _ in range(3):
            with open_sandbox(ctx, repo, sha) as box:
                assert box.run("cat a.py; ls").stdout == "A = 1\na.py\n"
                box.write("b.py", "B = 2\n")
        wait_for(lambda: pool.ready() == 2, 30, "the pool to refill")
    finally:
        close_pools()


def _children(pid: int) -> set[int]:
    """Direct children of ``pid`` (the worker's pool processes)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


@pytest.mark.slow
@pytest.mark.redis
@pytest.mark.docker
def test_each_worker_process_warms_its_pool_at_start(sandbox_data: Path, start_worker: Callable[..., Proc]) -> None:
    need_backend("docker")
    # When a worker starts with a pool size on the Docker backend
    env = {
        "AGENTFLEET_DATA_DIR": str(sandbox_data),
        "AGENTFLEET_SANDBOX__BACKEND": "docker",
        "AGENTFLEET_SANDBOX__POOL_SIZE": "2",
    }
    worker = start_worker(concurrency=1, env=env)

    def pooled(owners: set[str | None]) -> list[str]:
        running = docker_client().containers.list(filters={"label": LABEL})
        return [c.id for c in running if c.labels.get(f"{LABEL}.owner") in owners]

    # Then its pool process has two containers running, ready for work
    owners = wait_for(lambda: {process_identity(pid) for pid in _children(worker.pid)}, 30, "the pool process")
    wait_for(lambda: len(pooled(owners)) == 2, 60, "the worker's pool to fill")
    # And they stop with the worker (the reaper removes them at the next worker start)
    worker.stop()
    wait_for(lambda: not pooled(owners), 30, "pool containers to stop with the worker")
    reap_leftovers(sandbox_dir(sandbox_data))
    left = docker_client().containers.list(all=True, filters={"label": LABEL})
    assert not [c for c in left if c.labels.get(f"{LABEL}.owner") in owners]


@pytest.mark.redis
def test_a_recycled_pool_process_releases_its_warm_containers(
    sandbox_data: Path, tmp_path: Path, spawn: Callable[..., Proc], service_env: dict[str, str]
) -> None:
    need_backend("docker")
    # Given a worker whose pool process is recycled after each task, with a warm Docker pool
    make_repo(tmp_path / "svc", {"README.md": "svc\n"})
    (tmp_path / "fleet.toml").write_text('[[repos]]\nname = "svc"\nlocation = "svc"\n')
    env = {
        "AGENTFLEET_DATA_DIR": str(sandbox_data),
        "AGENTFLEET_SANDBOX__BACKEND": "docker",
        "AGENTFLEET_SANDBOX__POOL_SIZE": "1",
    }
    argv = agentfleet_cmd("worker", "-c", "1", "--max-tasks-per-child", "1", "-n", "recycled@%h")
    worker = spawn(argv, "recycled", env)
    wait_for(lambda: "ready." in worker.output(), 60, "the worker")

    def mine(owners: set[str | None]) -> list[str]:
        every = docker_client().containers.list(all=True, filters={"label": LABEL})
        return [c.id for c in every if c.labels.get(f"{LABEL}.owner") in owners]

    first = wait_for(lambda: {process_identity(pid) for pid in _children(worker.pid)}, 30, "the pool process")
    wait_for(lambda: mine(first), 60, "the first pool process to warm its pool")
    # When it runs a task and is replaced by a fresh pool process
    run_client(
        "from agentfleet.tasks.celery_app import app; app.send_task('agentfleet.monitor', args=['svc', 'heartbeat'])",
        {**service_env, **env},
    )
    wait_for(
        lambda: {process_identity(pid) for pid in _children(worker.pid)} - first, 60, "the pool process to recycle"
    )
    # Then the old process's containers are gone (not left for the next worker start), and the worker lives on
    wait_for(lambda: not mine(first), 60, "the recycled process's containers to be removed")
    assert worker.alive()


def test_the_reaper_spares_a_box_being_created_and_removes_an_abandoned_one(tmp_path: Path) -> None:
    # Given two box directories without an owner yet: one just made, one left long ago by a dead creator
    boxes = sandbox_dir(tmp_path) / "boxes"
    fresh, abandoned = boxes / "fresh0000000000", boxes / "old00000000000"
    for box in (fresh, abandoned):
        (box / "work").mkdir(parents=True)
    os.utime(abandoned, (time.time() - 3600, time.time() - 3600))
    # When a worker starts and sweeps
    reap_leftovers(sandbox_dir(tmp_path))
    # Then the box another process may be creating right now survives; the abandoned one is gone
    assert fresh.exists()
    assert not abandoned.exists()


SIBLING = """
import sys, time
from pathlib import Path
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.workspace import new_box
box = new_box(Path(sys.argv[1]), SandboxConfig(), "docker")
print(box.root, flush=True)
time.sleep(600)
"""


def test_the_reaper_spares_a_live_box_of_a_worker_in_another_pid_namespace(tmp_path: Path) -> None:
    # Given a worker in its own PID namespace (a compose sibling sharing the data dir) holding a live box
    need_binary("unshare")
    sibling = subprocess.Popen(
        [
            "unshare",
            "--pid",
            "--fork",
            "--mount-proc",
            "--kill-child",
            sys.executable,
            "-c",
            SIBLING,
            str(sandbox_dir(tmp_path)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert sibling.stdout is not None
        box = Path(sibling.stdout.readline().strip())
        assert box.is_dir()
        # When a worker in this namespace starts and sweeps (the sibling's pid means nothing here)
        reap_leftovers(sandbox_dir(tmp_path))
        # Then the sibling's box is still there
        assert box.is_dir()
    finally:
        sibling.kill()
        sibling.communicate()
    # And a box from another namespace that outlived any stage by far is abandoned and removed
    os.utime(box, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    reap_leftovers(sandbox_dir(tmp_path))
    assert not box.exists()


def test_the_reaper_removes_a_half_built_environment_only_when_its_builder_is_gone(tmp_path: Path) -> None:
    # Given two half-built environments: one whose builder still holds the build lock, one whose builder died
    envs = sandbox_dir(tmp_path) / "envs"
    live, dead = envs / ".svc-live.0000aaaa", envs / ".svc-dead.0000bbbb"
    for half in (live, dead):
        (half / "bin").mkdir(parents=True)
    with (envs / ".svc-live.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        # When a worker starts and sweeps
        reap_leftovers(sandbox_dir(tmp_path))
    # Then only the abandoned one is gone
    assert live.exists()
    assert not dead.exists()


def test_data_dirs_naming_one_runtime_dir_share_one_base_environment(tmp_path: Path) -> None:
    # Given two data dirs on one host whose settings name the same runtime_dir
    need_backend("bwrap")
    runtime = tmp_path / "runtime"
    repo = tmp_path / "repo"
    sha = make_repo(repo, {"a.py": "x = 1\n"})
    # When a sandbox opens in each and runs the test tools
    for name in ("one", "two"):
        ctx = sandbox_context(tmp_path / name, "bwrap", runtime_dir=runtime)
        with open_sandbox(ctx, RepoConfig(name="shared", location=str(repo)), sha) as box:
            assert box.run("python -m pytest --version").exit_code == 0
    # Then the base environment was built once, in the runtime dir, and neither data dir has its own
    assert len(list(runtime.glob("base-*"))) == 1
    assert not [name for name in ("one", "two") if (sandbox_dir(tmp_path / name) / "runtime").exists()]
