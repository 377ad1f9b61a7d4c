"""The ``coverage`` monitor and the coverage measurement the tests fixer and its gate checks share.

- ``config``: fleet-file ``[repos.coverage]`` (monitor, tests fixer and gate fields; import-light).
- ``probe``: runs INSIDE the sandbox: the suite under coverage.py (branches, one context per test),
  per-test time limit, side-effect audit, random order; built on the repair engine's probe plugin.
- ``measure``: host side of the probe: send it, run it, parse its capped JSON report.
- ``changes``: which lines changed since a commit (host-side git) and which function holds them.
- ``findings``: uncovered changed code → one ``Finding`` per function.
- ``audits``: the last audited commit per repo (a store table).
- ``lines``: the lines the suite ran per file at the last measured commit (the quality monitor's evidence).
- ``monitor``: ``CoverageMonitor`` (``MONITORS["coverage"]``).
"""
