"""Repair engine settings (``AGENTFLEET_REPAIR__*``)."""

from __future__ import annotations

from pydantic import Field

from agentfleet.core.config_base import ComponentConfig

__all__ = ["RepairConfig"]


class RepairConfig(ComponentConfig):
    """How hard the offline repair engine searches, and how fast it must stop."""

    budget_s: float = Field(default=120.0, gt=0)
    """Wall-clock limit on the search for a patch (the work item's own budget caps it further); it starts
    once the probe (and, when no test fails, the reproduction; with ``--tests``, the rest of the suite's run at the
    base commit) is done: those have their own limits."""
    workers: int = Field(default=2, ge=1, le=16)
    """Sandboxes validating candidates in parallel (one per core is right)."""
    max_locations: int = Field(default=15, ge=1)
    """Suspicious lines the templates are applied to."""
    max_candidates: int = Field(default=1500, ge=1)
    """Candidates validated at most."""
    max_pairs: int = Field(default=300, ge=0)
    """Pairs of tier-1 edits tried at most, for bugs that need two edits (0: none)."""
    disabled_families: list[str] = Field(default_factory=list)
    """Template families left out of the search (``two-edits`` for the pairs), e.g. to measure what one adds."""
    max_plausible: int = Field(default=10, ge=1)
    """Stop once this many patches pass every test (a cap: after the first one, only candidates that could
    outrank the best so far run, so the search usually ends sooner)."""
    rank_by_behaviour: bool = False
    """Break ties among plausible patches by how few calls near the tests' own answer differently than before
    (off: on the corpus it fixed as many first-ranked patches as it broke)."""
    explore_after_first: int = Field(default=80, ge=0)
    """After the first plausible patch, run at most this many more candidates that could outrank the best one
    (none left ends the search sooner). Counted in candidates in search order, not in seconds, so which patch
    ranks first does not depend on the host's load (``window``)."""
    batch_s: float = Field(default=1.5, gt=0)
    """Target duration of one validation batch (a batch is one sandbox command)."""
    max_batch: int = Field(default=40, ge=1)
    """Most candidates in one batch."""
    candidate_timeout_s: float = Field(default=2.0, gt=0)
    """Floor of the per-candidate limit on the failing tests (raised to 3x their time in the probe)."""
    hung_candidate_timeout_s: float = Field(default=0.5, gt=0)
    """Floor of that limit when the failing tests hung in the probe, once candidates have shown how long a
    finished run takes (5x the slowest; a candidate cut off sooner runs again at the usual limit at the end)."""
    candidate_memory_mb: int = Field(default=512, ge=64)
    """Address-space limit of one candidate's test run (a memory bomb fails alone)."""
    test_timeout_s: float = Field(default=10.0, gt=0)
    """Per-test limit in the probe: a test that hangs on the bug fails there instead of stalling the probe."""
    hung_test_timeout_s: float = Field(default=3.0, gt=0)
    """Per-test limit in the probe once a test has hung (the bug probably hangs the others too)."""
    probe_timeout_s: float = Field(default=300.0, gt=0)
    """Limit on the first run of the suite under coverage."""
    suite_timeout_s: float = Field(default=300.0, gt=0)
    """Ceiling on one run of the whole suite for a candidate (the limit is 3x the suite's own time, at least 10 s)."""
