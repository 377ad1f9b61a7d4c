"""After the merge: judge merged agent changes in production, and react when one did not hold.

- ``watch``: which merges are watched (the track record's merges; the forge is asked now and then).
- ``commits``: the commit graph (location + local forge) — names, containment, blame, merge diffs.
- ``deploys``: which commit production ran when (releases per ``release_format``; declared deploys).
- ``evidence`` + ``judge``: what production said about a deployed fix, and the verdict.
- ``act`` + ``revert``: ledger row, PR comment, reopened work, revert PR.
- ``errors``: the step for ``fix_error`` (errors monitor); ``advisories``: for ``upgrade_dependency``.
- ``status``: what ``agentfleet status`` and ``agentfleet trust --history`` show.

See docs/verification.md.
"""
