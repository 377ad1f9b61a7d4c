"""When the failing tests hung in the probe, a candidate that still hangs them is cut off sooner, and no
candidate is lost for being cut off: it runs again at the usual limit once the others have run."""

from __future__ import annotations

import time

import libcst as cst

from agentfleet.flow.fixers.repair.candidates import Candidate, CandidateStream
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.localize import Location
from agentfleet.flow.fixers.repair.runner import BatchLimits, BatchRow
from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.validate import Validator

SOURCE = "def half(n):\n    return n // 2\n"


def _returns(*values: str):
    def template(site: Site):
        if site.statement is not None:
            for value in values:
                yield Edit(site.statement, cst.parse_statement(f"return {value}\n"), "crafted", 1)

    return template


def _validator(hung: bool, *values: str) -> Validator:
    stream = CandidateStream(
        [Location("calc.py", 2, 1.0)], {"calc.py": SOURCE}.__getitem__, templates=[_returns(*values)]
    )
    limits = BatchLimits(tests_s=2.0, suite_s=10.0, memory_bytes=512 << 20)
    config = RepairConfig(batch_s=1.5, max_batch=3, hung_candidate_timeout_s=0.5)
    deadline = time.monotonic() + 60
    return Validator([], stream, failing=["t"], config=config, deadline=deadline, limits=limits, hung=hung)


def _finished(batch: list[Candidate], seconds: float) -> list[BatchRow]:
    return [BatchRow(c.id, 1, None, seconds, "t|assert") for c in batch]


def test_the_limit_shortens_to_a_few_times_a_finished_run_only_when_the_tests_hung_in_the_probe() -> None:
    for hung, expected in ((True, 0.5), (False, 2.0)):
        # Given candidates whose runs of the failing tests finished in 0.05 s
        validator = _validator(hung, *(f"n + {k}" for k in range(1, 9)))
        batch, limits = validator.next_batch()
        assert limits.tests_s == 2.0  # nothing finished yet: the usual limit
        validator.record_batch(batch, _finished(batch, 0.05), limits.tests_s)
        batch, _ = validator.next_batch()
        validator.record_batch(batch, _finished(batch, 0.05), limits.tests_s)
        # When the next batch is taken
        _, limits = validator.next_batch()
        # Then it runs at 5x the slowest finished run (at least the floor) when the tests hung, else as usual
        assert limits.tests_s == expected


def test_a_candidate_cut_off_under_a_shortened_limit_runs_again_at_the_usual_one_at_the_end() -> None:
    # Given a hung bug whose limit has shortened to 0.5 s, and a slow right candidate that took longer
    validator = _validator(True, *(f"n + {k}" for k in range(1, 8)))
    first, limits = validator.next_batch()
    validator.record_batch(first, _finished(first, 0.05), limits.tests_s)
    second, _ = validator.next_batch()
    validator.record_batch(second, _finished(second, 0.05), limits.tests_s)
    third, limits = validator.next_batch()
    assert limits.tests_s == 0.5
    slow = third[0]
    validator.record_batch(third, [BatchRow(slow.id, "timeout", None, 0.5, "timeout")], limits.tests_s)
    # When the stream has run dry
    assert validator.stream.take(10) == []
    again, limits = validator.next_batch()
    # Then the candidate cut off runs once more, at the usual limit, and then nothing is left
    assert [c.id for c in again] == [slow.id]
    assert limits.tests_s == 2.0
    validator.record_batch(again, [BatchRow(slow.id, "timeout", None, 2.0, "timeout")], limits.tests_s)
    assert validator.next_batch()[0] == []
