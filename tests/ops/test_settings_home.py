"""Settings do not silently depend on the current directory: ``AGENTFLEET_HOME``, ``--config``, and a
``status`` that says in one line when Redis cannot be reached."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support import agentfleet_cmd, make_repo

from agentfleet.core.childenv import child_environment


def _run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # a generous cap, not a measurement: before the fix this command retried for 14+ s and more
    return subprocess.run(agentfleet_cmd(*args), cwd=cwd, env=env, capture_output=True, text=True, timeout=10)


def _fleet_home(tmp_path: Path) -> Path:
    """A fleet directory: fleet file, a repo, and a .env that moves the data dir."""
    home = tmp_path / "fleet"
    make_repo(home / "svc", {"app.py": "x = 1\n"})
    (home / "fleet.toml").write_text('[[repos]]\nname = "svc"\nlocation = "svc"\n')
    (home / ".env").write_text("AGENTFLEET_DATA_DIR=state\n")
    (tmp_path / "elsewhere").mkdir()
    return home


def test_status_without_redis_says_so_in_one_line(tmp_path: Path) -> None:
    env = child_environment({"AGENTFLEET_REDIS_URL": "redis://:s3cret@127.0.0.1:1/0"}, keep_agentfleet=False)
    done = _run(tmp_path, env, "status")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    redis_lines = [line for line in done.stdout.splitlines() if line.startswith("redis:")]
    assert redis_lines == [
        "redis: unreachable at redis://***@127.0.0.1:1/0 (setting AGENTFLEET_REDIS_URL): "
        "Error 111 connecting to 127.0.0.1:1. Connection refused."
    ]
    assert "work: none" in done.stdout, "what the store knows is still shown"


def test_the_home_decides_where_settings_and_the_fleet_are_read_from(tmp_path: Path) -> None:
    home = _fleet_home(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    # From another directory with AGENTFLEET_HOME, every file is the home's, and check-config says so
    env = child_environment({"AGENTFLEET_HOME": str(home)}, keep_agentfleet=False)
    by_home = _run(elsewhere, env, "check-config", "--offline")
    assert by_home.returncode == 0, by_home.stdout + by_home.stderr
    assert f"ok   home: {home} — from AGENTFLEET_HOME" in by_home.stdout
    assert f"ok   .env: {home}/.env (read)" in by_home.stdout
    assert f"ok   fleet file: {home}/fleet.toml (1 repos)" in by_home.stdout
    assert f"ok   store: sqlite:///{home}/state/agentfleet.db" in by_home.stdout
    # --config FILE does the same with no environment at all
    plain = child_environment({}, keep_agentfleet=False)
    by_config = _run(elsewhere, plain, "--config", str(home / "fleet.toml"), "check-config", "--offline")
    assert by_config.returncode == 0, by_config.stdout + by_config.stderr
    assert f"ok   store: sqlite:///{home}/state/agentfleet.db" in by_config.stdout
    # Without either, the current directory is the home, and the message says how to name another
    lost = _run(elsewhere, plain, "check-config", "--offline")
    assert lost.returncode == 2
    assert f"ok   home: {elsewhere} — from the current directory (set AGENTFLEET_HOME or --config)" in lost.stdout
    assert "name it with --config, AGENTFLEET_FLEET_FILE or AGENTFLEET_HOME" in lost.stderr


def test_config_names_a_file_that_must_exist(tmp_path: Path) -> None:
    done = _run(tmp_path, child_environment({}, keep_agentfleet=False), "--config", "nope.toml", "status")
    assert done.returncode == 2
    assert "--config nope.toml: no such file" in done.stderr
