"""Prepared images for the Docker backend: a repo's ``setup`` run once, committed as an image tag.

The tag is ``agentfleet-env:<repo>-<key>`` where the key hashes the base image id, the setup command
and the dependency files at the commit; every later sandbox of that repo with the same key starts
from it, read-only and without network. The prepare container uses the host network (so a package
index on loopback is reachable) but is otherwise locked down like any sandbox.
"""

from __future__ import annotations

import logging
from pathlib import Path

from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.docker.box import docker_client, hardened, remove_container
from agentfleet.sandboxes.hostfs import file_lock
from agentfleet.sandboxes.layout import command_env, prepare_script
from agentfleet.sandboxes.mirror import Mirror
from agentfleet.sandboxes.prepare import PREPARE_ENV, prepare_failed, prepared_key, setup_step
from agentfleet.sandboxes.workspace import new_box

__all__ = ["ENV_REPOSITORY", "base_image", "prepared_image"]

log = logging.getLogger(__name__)

ENV_REPOSITORY = "agentfleet-env"


def base_image(config: SandboxConfig, repo: RepoConfig | None) -> str:
    """The id of the repo's (or the default) sandbox image; ``ConfigError`` saying how to build it if missing."""
    import docker

    name = (repo.image if repo else None) or config.image
    try:
        return str(docker_client().images.get(name).id)
    except docker.errors.ImageNotFound:
        raise ConfigError(
            f"sandbox image {name!r} is not on this Docker daemon; build it with workers/build-sandbox-image.sh "
            f"(or set AGENTFLEET_SANDBOX__IMAGE / the repo's 'image' in the fleet file)"
        ) from None


def prepared_image(config: SandboxConfig, sandbox_dir: Path, repo: RepoConfig, mirror: Mirror, commit: str) -> str:
    """The image ``repo``'s sandboxes start from at ``commit``: its prepared image if it has a ``setup``."""
    base = base_image(config, repo)
    if not repo.setup:
        return base
    key = prepared_key(base, repo, mirror, commit, config.dependency_files)
    tag = f"{repo.name.lower()}-{key}"
    name = f"{ENV_REPOSITORY}:{tag}"
    with file_lock(sandbox_dir / "locks" / f"image-{tag}.lock"):
        if not docker_client().images.list(name=name):
            _build(config, sandbox_dir, repo, mirror, commit, base, tag)
    return name


def _build(
    config: SandboxConfig, sandbox_dir: Path, repo: RepoConfig, mirror: Mirror, commit: str, base: str, tag: str
) -> None:
    log.info("sandbox prepare repo=%s image=%s:%s", repo.name, ENV_REPOSITORY, tag)
    workspace = new_box(sandbox_dir, config, "docker")
    container = None
    try:
        workspace.checkout(mirror.path, commit)
        env = command_env(config.uid, prepared=False, fixed=config.env, extra=PREPARE_ENV)
        options = hardened(config, workspace, network="host", read_only=False) | {"environment": env}
        container = docker_client().containers.run(
            base, ["/bin/sh", "-c", prepare_script(repo.setup)], detach=True, **options
        )
        try:
            code = container.wait(timeout=config.prepare_timeout_s)["StatusCode"]
        except Exception:  # the daemon's wait timed out (requests raises its own types)
            container.kill()
            code = "timed out"
        if code != 0:
            logs = container.logs(tail=60).decode(errors="replace")
            why = code if code == "timed out" else f"exit {code}"
            raise prepare_failed(setup_step(repo), why, logs)
        container.commit(repository=ENV_REPOSITORY, tag=tag)
    finally:
        if container is not None:
            remove_container(container)
        workspace.destroy()
