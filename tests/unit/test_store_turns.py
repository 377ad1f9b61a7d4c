"""A SQLite file's hop writers take turns (``store/turns.py``): across processes and threads one at a time,
a forked child in its own turn, a writer that never lets go making the others' writes a transient error."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from agentfleet.contracts import Heartbeat, Job
from agentfleet.core.errors import TransientError
from agentfleet.store import Store, hops, ledger, work
from agentfleet.store.turns import Turns

FORK = multiprocessing.get_context("fork")


def _try_turn(turns: Turns, answer: multiprocessing.queues.Queue[str]) -> None:
    try:
        with turns.turn():
            answer.put("took it")
    except TransientError as exc:
        answer.put(str(exc))


def _in_child(turns: Turns) -> str:
    answer: multiprocessing.queues.Queue[str] = FORK.Queue()
    child = FORK.Process(target=_try_turn, args=(turns, answer))
    child.start()
    child.join(20)
    return answer.get(timeout=5)


def test_a_process_waits_for_another_process_s_turn_and_gives_up_as_busy(tmp_path: Path) -> None:
    # Given a turn file that this process holds
    turns = Turns(tmp_path / "db-turns", wait_s=0.2)
    with turns.turn():
        # When a forked child (which inherited this process's open lock file) asks for a turn
        held = _in_child(turns)
    # Then it did not get one while this process held it: the store was busy, retry later
    assert "the store is busy" in held and "retrying later" in held
    # And once this process let go, the child's turn comes
    assert _in_child(turns) == "took it"


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    turns = Turns(tmp_path / "db-turns", wait_s=5)
    inside, overlaps = [0], []

    def write() -> None:
        for _ in range(200):
            with turns.turn():
                inside[0] += 1
                overlaps.append(inside[0])
                inside[0] -= 1

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert max(overlaps) == 1 and len(overlaps) == 800


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'agentfleet.db'}?timeout=0.5")
    yield store
    store.dispose()


def _job(store: Store, i: int) -> Job:
    job = Job(item=Heartbeat(repo="svc", base_commit="a" * 40, fingerprint=f"beat-{i}"))
    _, run = work.claim(store, job, run_id="test", cooldown_s=0, stale_s=3600)
    return job.model_copy(update={"run": run})


def _hops(url: str, jobs: list[Job], done: multiprocessing.queues.Queue[int]) -> None:
    store = Store(url)
    for job in jobs:
        snap = hops.read(store, job.key)
        assert snap is not None
        hops.write(store, [ledger.row(stage="fix", outcome=ledger.Outcome.STARTED, repo="svc", key=job.key)], flush=False)
        outcome = ledger.row(stage="fix", outcome=ledger.Outcome.PATCH, repo="svc", key=job.key, actor="test")
        hops.write(store, [outcome], save=snap.job.done("fix"), flush=False)
    done.put(len(jobs))


def test_hop_writers_in_several_processes_all_land(store: Store) -> None:
    # Given jobs claimed in the store, and four processes running a stage's hops on a share of them each
    jobs = [_job(store, i) for i in range(120)]
    done: multiprocessing.queues.Queue[int] = FORK.Queue()
    workers = [FORK.Process(target=_hops, args=(store.url, jobs[i::4], done)) for i in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    # Then every hop landed: a started and an outcome row each, every snapshot saved
    assert sorted(done.get(timeout=5) for _ in workers) == [30, 30, 30, 30]
    rows = ledger.recent(store, limit=1000)
    assert sorted(r.outcome for r in rows) == ["patch"] * 120 + ["started"] * 120
    assert {r.repo for r in rows} == {"svc"}
    assert all(list(hops.read(store, job.key).job.stages) == ["fix"] for job in jobs)  # type: ignore[union-attr]
