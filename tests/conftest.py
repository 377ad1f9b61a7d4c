"""Fixtures shared by every test: isolated settings, a real Redis, real git repositories."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from support import (
    BOTH_STORES,
    REQUIRE_ALL,
    Proc,
    SvcFleet,
    database_for,
    fresh_process_caches,
    make_repo,
    need,
    need_binary,
    wait_for,
)

from agentfleet.core.childenv import child_environment
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.store import Store

RUNTIME_DIR_VARIABLE = "AGENTFLEET_SANDBOX__RUNTIME_DIR"


@pytest.fixture(scope="session")
def bwrap_runtime_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for the bwrap base environments of every data dir the run creates (``runtime_dir``),
    shared by the xdist workers: the base environment is then built once per run, not once per data dir."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "bwrap-runtime"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bwrap_runtime_dir: Path) -> Iterator[None]:
    """No AGENTFLEET_* from the developer's shell, no .env from the checkout; fresh caches. Settings made
    without a ``redis_url`` point at a port nothing listens on, so a test that needs Redis must ask for the
    private one (``redis_url``) instead of passing on machines that happen to run Redis on 6379. The bwrap base
    environment is the run's (``bwrap_runtime_dir``)."""
    for name in list(os.environ):
        if name.startswith("AGENTFLEET_") and name != "AGENTFLEET_REQUIRE_ALL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("AGENTFLEET_REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv(RUNTIME_DIR_VARIABLE, str(bwrap_runtime_dir))
    monkeypatch.chdir(tmp_path)
    fresh_process_caches()
    yield
    fresh_process_caches()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real, private redis-server for the whole session (started as the demo starts its own); base URL, no db."""
    from agentfleet.demo.processes import Processes

    need_binary("redis-server")
    procs = Processes(tmp_path_factory.mktemp("redis"), {"PATH": os.environ.get("PATH", "")})
    url = procs.start_redis()
    yield url.rsplit("/", 1)[0]
    procs.stop_all()


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """A flushed database on the session's real Redis."""
    import redis

    url = f"{redis_server}/1"
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def make_git_repo(tmp_path: Path) -> Callable[..., Path]:
    """Factory: ``make_git_repo({"app.py": "..."}, name="svc")`` → path of a real committed repo."""

    def make(files: Mapping[str, str], name: str = "repo", branch: str = "main") -> Path:
        path = tmp_path / name
        make_repo(path, files, branch=branch)
        return path

    return make


@pytest.fixture
def write_fleet(tmp_path: Path) -> Callable[[str], Path]:
    """Factory: write fleet-file TOML text to ``tmp_path/fleet.toml`` and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "fleet.toml"
        path.write_text(text)
        return path

    return write


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a temporary data dir and fleet file; Redis URL unset unless a test sets it."""
    return Settings(data_dir=tmp_path / ".agentfleet", fleet_file=tmp_path / "fleet.toml")


@pytest.fixture
def ctx(settings: Settings) -> Context:
    """A context on the temporary settings (SQLite store in tmp_path)."""
    return Context.from_settings(settings)


def pytest_report_header(config: pytest.Config) -> str:
    return f"agentfleet: REQUIRE_ALL={'on (skips fail)' if REQUIRE_ALL else 'off (missing services skip)'}"


@pytest.fixture
def database_url() -> str | None:
    """The test's store: ``None`` is SQLite in the data dir. A suite that runs on both stores overrides this
    fixture with ``support.database_for`` (tests/integration, tests/e2e, tests/delivery, tests/ingest)."""
    return None


@pytest.fixture
def service_env(tmp_path: Path, redis_url: str, database_url: str | None) -> dict[str, str]:
    """Environment for agentfleet child processes: this test's data dir, fleet file, store and Redis."""
    store = {"AGENTFLEET_DATABASE_URL": database_url} if database_url else {}
    return child_environment(
        {
            "AGENTFLEET_DATA_DIR": str(tmp_path / ".agentfleet"),
            "AGENTFLEET_FLEET_FILE": str(tmp_path / "fleet.toml"),
            "AGENTFLEET_REDIS_URL": redis_url,
            "PYTHONUNBUFFERED": "1",
            RUNTIME_DIR_VARIABLE: os.environ[RUNTIME_DIR_VARIABLE],
            **store,
        },
        keep_agentfleet=False,
    )


@pytest.fixture
def spawn(tmp_path: Path, service_env: dict[str, str]) -> Iterator[Callable[..., Proc]]:
    """Factory: ``spawn(argv, name, env={...})`` starts a process group; all are stopped at teardown."""
    procs: list[Proc] = []

    def start(argv: list[str], name: str, env: Mapping[str, str] | None = None) -> Proc:
        proc = Proc(argv, {**service_env, **(env or {})}, tmp_path / f"{name}.log", cwd=tmp_path)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.stop()


@pytest.fixture
def start_worker(spawn: Callable[..., Proc], tmp_path: Path) -> Callable[..., Proc]:
    """Factory: a real ``agentfleet worker`` process, returned once it is ready for tasks.

    A worker refuses to start without a fleet file; tests that have not written one get an empty fleet.
    """
    from support import agentfleet_cmd

    def start(
        name: str = "w1",
        queues: str = "monitors,agents,gate,delivery",
        concurrency: int = 1,
        pool: str = "prefork",
        env: Mapping[str, str] | None = None,
    ) -> Proc:
        if not (tmp_path / "fleet.toml").exists():
            (tmp_path / "fleet.toml").write_text("")
        argv = agentfleet_cmd("worker", "-Q", queues, "-c", str(concurrency), "--pool", pool, "-n", f"{name}@%h")
        proc = spawn(argv, name, env)
        wait_for(lambda: "ready." in proc.output() or not proc.alive(), 60, f"worker {name} to start")
        assert proc.alive(), f"worker {name} died:\n{proc.output()[-3000:]}"
        return proc

    return start


@pytest.fixture(scope="session", autouse=True)
def _reap_what_killed_workers_left(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """At the end, what a worker start does: remove the sandboxes of processes the tests killed (their
    tmpfs mounts would outlive the run, and pytest could not clean up its old temporary directories)."""
    yield
    from agentfleet.sandboxes.reaper import reap_leftovers

    base = tmp_path_factory.getbasetemp()
    for sandbox_dir in [*base.glob("*/sandbox"), *base.glob("*/.agentfleet/sandbox")]:
        reap_leftovers(sandbox_dir)


_SERVICE_FIXTURES = {"redis_server": "redis", "postgres_server": "postgres", "start_worker": "redis"}
"""Fixtures that start a real service, and the marker a test using one gets (``make test-fast`` leaves them out)."""

_ONE_WORKER = {
    "dashboard": "dashboard",  # its session fixture runs the whole demo (~35 s)
    "repair": "repair",  # the rest share a session sandbox data dir: its environments are built once, not per worker
    "refactoring": "refactoring",
    "coverage": "coverage",  # with the Pynguin tool environment
    "agent": "agent",
    "mcp": "agent",  # agent_data is shared with tests/agent
    "docs_drift": "docs_drift",
    "advisories": "advisories",
}
"""Test directories whose tests run together on one xdist worker (``make test`` runs ``--dist loadgroup``), by
group name: an expensive session fixture is then set up once per run, not once per worker. Every other test
goes to whichever worker is free; each worker starts its own Redis, PostgreSQL and data dirs."""


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the ``xdist_group`` marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test by the real services its fixtures start, so ``-m "not redis"`` really means it; keep
    the ``_ONE_WORKER`` directories on one worker."""
    for item in items:
        group = _ONE_WORKER.get(item.path.parent.name)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
        for fixture, marker in _SERVICE_FIXTURES.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "postgresql" in callspec.params.values():  # a store parametrised test
            item.add_marker("postgres")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (REQUIRE_ALL) a skipped test is a failure: nothing may silently not run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if REQUIRE_ALL and skipped and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter:
            reporter.write_line(f"AGENTFLEET_REQUIRE_ALL=1 and {len(skipped)} test(s) skipped: failing the run")


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real, private PostgreSQL cluster for the session (as the demo starts its Redis); yields its base URL."""
    import glob

    from agentfleet.demo.processes import Processes

    need(
        bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")), "PostgreSQL is not installed (apt-get install postgresql)"
    )
    procs = Processes(tmp_path_factory.mktemp("postgres"), {"PATH": os.environ.get("PATH", "")})
    yield procs.start_postgres(fsync=False)
    procs.stop_all()


@pytest.fixture(params=BOTH_STORES)
def store_ctx(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Context]:
    """A context on each store backend: SQLite in tmp_path, or a fresh database on the session's PostgreSQL."""
    url = database_for(request)
    settings = Settings(data_dir=tmp_path / ".agentfleet", fleet_file=tmp_path / "fleet.toml", database_url=url)
    ctx = Context.from_settings(settings)
    yield ctx
    ctx.store.dispose()


@pytest.fixture
def svc_fleet(tmp_path: Path, write_fleet: Callable[[str], Path], database_url: str | None) -> Callable[..., SvcFleet]:
    """Factory: ``svc_fleet("monitors.heartbeat = {}")`` makes repo ``svc``, a fleet file naming it, and
    returns that fleet's store (``tmp_path/.agentfleet`` or ``database_url``, as ``service_env`` points
    processes at it)."""

    stores: list[Store] = []

    def make(extra: str = "") -> SvcFleet:
        repo = tmp_path / "svc"
        head = make_repo(repo, {"README.md": "svc\n"}) if not repo.exists() else ""
        write_fleet(f'[[repos]]\nname = "svc"\nlocation = "svc"\n{extra}\n')
        stores.append(Store(Settings(data_dir=tmp_path / ".agentfleet", database_url=database_url).store_url))
        return SvcFleet(stores[-1], head)

    yield make
    for store in stores:
        store.dispose()
