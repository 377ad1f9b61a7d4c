"""After the first plausible patch the search runs only candidates that could still outrank it."""

from __future__ import annotations

from agentfleet.flow.fixers.repair.candidates import Candidate, CandidateStream
from agentfleet.flow.fixers.repair.contenders import bound
from agentfleet.flow.fixers.repair.localize import Location
from agentfleet.flow.fixers.repair.rank import early_key

RELAX = """def relax(dist, edges):
    for u, v, w in edges:
        if dist[u] + w < dist[v]:
            dist[v] = dist[v] + w
    return dist
"""
FILES = {"relax.py": RELAX}
LOCATIONS = [Location("relax.py", 4, 1.0), Location("relax.py", 3, 0.8), Location("relax.py", 2, 0.5)]


def _stream() -> CandidateStream:
    return CandidateStream(LOCATIONS, FILES.__getitem__, limit=1000)


def test_no_candidate_ranks_better_than_its_bound() -> None:
    # Given every candidate the templates write for the three lines
    candidates = _stream().take(1000)
    assert len(candidates) > 20
    # Then the key each one would rank by is never better than the bound the search skips it by
    for c in candidates:
        assert early_key(c, RELAX) >= bound(c.tier, c.rank), c.template


def test_after_a_plausible_patch_only_candidates_that_could_outrank_it_run() -> None:
    # Given the search order, and in it a plain tier-1 edit of the top line that invents code (dist[v - 1])
    everything = _stream().take(1000)
    first = next(c for c in everything if c.tier == 1 and c.rank == 0 and "dist[v] = dist[v - 1] + w" in c.source)
    assert early_key(first, RELAX)[2], "the edit should not reuse code"
    # When the same search finds that edit plausible
    stream = _stream()
    before: list[Candidate] = []
    while not before or before[-1].source != first.source:
        before += stream.take(1)
    stream.plausible(before[-1])
    after = stream.take(1000)
    # Then only contenders are handed out: fewer than before, each would rank above the plausible patch
    rest = everything[len(before) :]
    assert 0 < len(after) < len(rest)
    assert all(early_key(c, RELAX) < early_key(first, RELAX) for c in after)
    assert stream.outranked > 0
    # And the edit that reuses the condition's own dist[u] + w is among them, though it sits later in search order
    assert any("dist[v] = dist[u] + w" in c.source for c in after)


def _after_first_plausible(*, behaviour: bool) -> list:
    """Candidates handed out once the plain tier-1 ``dist[v - 1]`` edit of the top line is found plausible."""
    stream = CandidateStream(LOCATIONS, FILES.__getitem__, limit=1000, behaviour=behaviour)
    taken: list[Candidate] = []
    while not taken or "dist[v] = dist[v - 1] + w" not in taken[-1].source:
        taken += stream.take(1)
    stream.plausible(taken[-1])
    return stream.take(1000)


def test_with_the_behavioural_tie_breaker_a_patch_that_could_win_on_distance_still_runs() -> None:
    # Given a plausible plain tier-1 edit of the top line (it invents code)
    # When the search goes on with and without the behavioural distance in the ranking
    plain = _after_first_plausible(behaviour=False)
    behavioural = _after_first_plausible(behaviour=True)
    # Then without it a tier-1 edit that invents code on a lower-ranked line cannot outrank it and does not run,
    # but with it such an edit may rank first on distance (which comes before the line rank), so it runs
    lower = [c for c in behavioural if c.tier == 1 and c.rank > 0 and not early_key(c, RELAX)[0]]
    assert lower
    assert not any(c.tier == 1 and c.rank > 0 and early_key(c, RELAX)[2] for c in plain)
    assert any(early_key(c, RELAX)[2] for c in lower)
    # And nothing worse on odd, tier or reuse runs in either mode
    first = early_key(next(c for c in _stream().take(1000) if "dist[v] = dist[v - 1] + w" in c.source), RELAX)
    assert all(early_key(c, RELAX)[:3] <= first[:3] for c in behavioural)


def test_a_rule_that_fails_on_one_candidate_refuses_it_and_the_search_goes_on(monkeypatch) -> None:
    # Given a refusal rule that raises on one rewrite (as `implied` did on `n not in n`, ending blind8's 228 search)
    from agentfleet.flow.fixers.repair import candidates

    real = candidates.added_identities

    def fragile(before: str, after: str) -> bool:
        if "dist[v - 1]" in after:
            raise TypeError("argument of type 'int' is not iterable")
        return real(before, after)

    monkeypatch.setattr(candidates, "added_identities", fragile)
    # When the stream hands out every candidate
    handed = _stream().take(1000)
    # Then that one is refused and counted, and the others are still handed out
    assert not any("dist[v - 1]" in c.source for c in handed)
    assert len(handed) > 20
    stream = _stream()
    stream.take(1000)
    assert stream.discarded["analysis-error"] >= 1
