"""Batches are sized by what a candidate costs inside the sandbox, not by the fixed cost of starting one."""

from __future__ import annotations

import time

from agentfleet.flow.fixers.repair.candidates import Candidate, CandidateStream
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.runner import BatchLimits, BatchRow
from agentfleet.flow.fixers.repair.validate import Validator


def _validator() -> Validator:
    stream = CandidateStream([], {"m.py": "x = 0\n"}.__getitem__)
    limits = BatchLimits(tests_s=2.0, suite_s=10.0, memory_bytes=512 << 20)
    config = RepairConfig(batch_s=1.5, max_batch=40)
    return Validator([], stream, failing=["t"], config=config, deadline=time.monotonic() + 60, limits=limits)


def test_a_slow_sandbox_start_does_not_shrink_the_batches() -> None:
    # Given batches of 4 candidates that each ran in 0.1 s, in batches that took 2.4 s (2 s to start the sandbox)
    validator = _validator()
    batch = [Candidate(i, "m.py", 1, 0, "constant", 1, "x = 1\n") for i in range(4)]
    rows = [BatchRow(i, 1, None, 0.1, "t|boom") for i in range(4)]
    for _ in range(6):
        validator.record_batch(batch, rows)  # each batch took 2.4 s in all
    # Then the next batch holds what 1.5 s of candidates is (not two, which would make the start cost dominate)
    assert validator.batch_size() >= 12
